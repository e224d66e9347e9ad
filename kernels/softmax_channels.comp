#version 450
// Softmax over consecutive groups of `group` channels, one invocation per (n, group, pixel).
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int items, group, plane; } p;  // items = n·(c/group)·plane

void main() {
  const uint i = flat_index();
  if (i >= uint(p.items)) return;
  const int pix = int(i % uint(p.plane)), ng = int(i / uint(p.plane));
  const int base = ng * p.group * p.plane + pix;
  float m = LD(x, base);
  for (int k = 1; k < p.group; ++k) m = max(m, LD(x, base + k * p.plane));
  float sum = 0.0;
  for (int k = 0; k < p.group; ++k) sum += exp(LD(x, base + k * p.plane) - m);
  for (int k = 0; k < p.group; ++k) ST(y, base + k * p.plane, exp(LD(x, base + k * p.plane) - m) / sum);
}
