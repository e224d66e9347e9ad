#version 450
// y = x + weight · noise, noise (N,1,H,W) broadcast over the channels.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) readonly buffer NZ { STORE_T noise[]; };
layout(std430, binding = 2) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int count, c, plane; float weight; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.count)) return;
  const uint pix = i % uint(p.plane), n = i / uint(p.plane * p.c);
  ST(y, i, LD(x, i) + p.weight * LD(noise, n * uint(p.plane) + pix));
}
