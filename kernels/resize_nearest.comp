#version 450
// Nearest resampling: src = min(floor(dst·inv_scale), in − 1) (core/ops.h ResizeParams).
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int nc, h, w, out_h, out_w; float inv_h, inv_w; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.nc * p.out_h * p.out_w)) return;
  const int ox = int(i % uint(p.out_w)), oy = int((i / uint(p.out_w)) % uint(p.out_h));
  const int nc = int(i / uint(p.out_w * p.out_h));
  const int sy = min(int(floor(float(oy) * p.inv_h)), p.h - 1);
  const int sx = min(int(floor(float(ox) * p.inv_w)), p.w - 1);
  y[i] = x[(nc * p.h + sy) * p.w + sx];
}
