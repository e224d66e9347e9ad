#version 450
// Bilinear resampling with half-pixel centres (core/ops.h ResizeParams).
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
  const float sy = max(0.0, (float(oy) + 0.5) * p.inv_h - 0.5);
  const float sx = max(0.0, (float(ox) + 0.5) * p.inv_w - 0.5);
  const int y0 = min(int(sy), p.h - 1), x0 = min(int(sx), p.w - 1);
  const int y1 = min(y0 + 1, p.h - 1), x1 = min(x0 + 1, p.w - 1);
  const float ly = sy - float(y0), lx = sx - float(x0);
  const int base = nc * p.h * p.w;
  const float top = (1.0 - lx) * LD(x, base + y0 * p.w + x0) + lx * LD(x, base + y0 * p.w + x1);
  const float bot = (1.0 - lx) * LD(x, base + y1 * p.w + x0) + lx * LD(x, base + y1 * p.w + x1);
  ST(y, i, (1.0 - ly) * top + ly * bot);
}
