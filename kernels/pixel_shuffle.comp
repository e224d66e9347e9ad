#version 450
// pixel_shuffle (core/ops.h), one invocation per output element (n, c/r², h·r, w·r); c, h, w
// are the input's dimensions.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int n, c, h, w, r; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.n * p.c * p.h * p.w)) return;
  const int r = p.r;
  const int ow = p.w * r, oh = p.h * r;
  const int ox = int(i % uint(ow)), oy = int((i / uint(ow)) % uint(oh));
  const int nc = int(i / uint(ow * oh));  // n·(c/r²) + c'
  const int src_c = nc * r * r + (oy % r) * r + (ox % r);
  y[i] = x[(src_c * p.h + oy / r) * p.w + ox / r];
}
