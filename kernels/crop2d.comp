#version 450
// crop2d (core/ops.h Crop2dParams), one invocation per output element.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int nc, h, w, top, left, out_h, out_w; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.nc * p.out_h * p.out_w)) return;
  const int ox = int(i % uint(p.out_w)), oy = int((i / uint(p.out_w)) % uint(p.out_h));
  const int nc = int(i / uint(p.out_w * p.out_h));
  y[i] = x[(nc * p.h + p.top + oy) * p.w + p.left + ox];
}
