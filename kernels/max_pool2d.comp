#version 450
// Max pooling with implicit −∞ padding, one invocation per output element.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int nc, h, w, out_h, out_w, kernel, stride, pad; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.nc * p.out_h * p.out_w)) return;
  const int ox = int(i % uint(p.out_w)), oy = int((i / uint(p.out_w)) % uint(p.out_h));
  const int nc = int(i / uint(p.out_w * p.out_h));
  const int y0 = max(0, oy * p.stride - p.pad), y1 = min(p.h, oy * p.stride - p.pad + p.kernel);
  const int x0 = max(0, ox * p.stride - p.pad), x1 = min(p.w, ox * p.stride - p.pad + p.kernel);
  float m = -1.0 / 0.0;
  for (int yy = y0; yy < y1; ++yy)
    for (int xx = x0; xx < x1; ++xx) m = max(m, LD(x, (nc * p.h + yy) * p.w + xx));
  ST(y, i, m);
}
