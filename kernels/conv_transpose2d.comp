#version 450
// conv_transpose2d in gather form, one invocation per output element (core/ops.h
// ConvTranspose2dParams); fp32 accumulation, bias and activation fused.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) readonly buffer W { STORE_T w[]; };
layout(std430, binding = 2) readonly buffer B { STORE_T bias[]; };
layout(std430, binding = 3) readonly buffer S { STORE_T slopes[]; };
layout(std430, binding = 4) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push {
  int n, c, h, w;       // input
  int o, kh, kw, stride;
  int pad, oh, ow, act;
  int has_bias;
  float slope;
} p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.n * p.o * p.oh * p.ow)) return;
  const int ox = int(i % uint(p.ow)), oy = int((i / uint(p.ow)) % uint(p.oh));
  const int oc = int((i / uint(p.ow * p.oh)) % uint(p.o)), b = int(i / uint(p.ow * p.oh * p.o));
  float acc = p.has_bias != 0 ? LD(bias, oc) : 0.0;
  for (int ky = 0; ky < p.kh; ++ky) {
    const int ty = oy + p.pad - ky;
    if (ty < 0 || ty % p.stride != 0 || ty / p.stride >= p.h) continue;
    const int iy = ty / p.stride;
    for (int kx = 0; kx < p.kw; ++kx) {
      const int tx = ox + p.pad - kx;
      if (tx < 0 || tx % p.stride != 0 || tx / p.stride >= p.w) continue;
      const int ix = tx / p.stride;
      for (int ic = 0; ic < p.c; ++ic)
        acc += LD(x, ((b * p.c + ic) * p.h + iy) * p.w + ix) *
               LD(w, ((oc * p.c + ic) * p.kh + ky) * p.kw + kx);
    }
  }
  ST(y, i, activate(acc, p.act, p.slope, p.act == ACT_PRELU ? LD(slopes, oc) : 0.0));
}
