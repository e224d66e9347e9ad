#version 450
// pixel_unshuffle (core/ops.h), one invocation per output element (n, c·r², h/r, w/r); c, h, w
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
  const int ow = p.w / r, oh = p.h / r;
  const int ox = int(i % uint(ow)), oy = int((i / uint(ow)) % uint(oh));
  const int nco = int(i / uint(ow * oh));  // (n·c + c)·r² + i·r + j
  const int nc = nco / (r * r), di = (nco % (r * r)) / r, dj = nco % r;
  y[i] = x[(nc * p.h + oy * r + di) * p.w + ox * r + dj];
}
