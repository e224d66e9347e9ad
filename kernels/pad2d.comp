#version 450
// pad2d (core/ops.h Pad2dParams), one invocation per output element.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push {
  int nc, h, w, out_h;
  int out_w, top, left, mode;  // mode: 0 constant, 1 replicate, 2 reflect
  float value;
} p;

// Source index along one axis, or −1 for the constant fill.
int source(int o, int before, int size) {
  const int i = o - before;
  if (i >= 0 && i < size) return i;
  if (p.mode == 0) return -1;
  if (p.mode == 1) return clamp(i, 0, size - 1);
  return i < 0 ? -i : 2 * (size - 1) - i;
}

void main() {
  const uint i = flat_index();
  if (i >= uint(p.nc * p.out_h * p.out_w)) return;
  const int ox = int(i % uint(p.out_w)), oy = int((i / uint(p.out_w)) % uint(p.out_h));
  const int nc = int(i / uint(p.out_w * p.out_h));
  const int sy = source(oy, p.top, p.h), sx = source(ox, p.left, p.w);
  if (sy < 0 || sx < 0) ST(y, i, p.value);
  else y[i] = x[(nc * p.h + sy) * p.w + sx];
}
