#version 450
// conv2d as a tiled implicit GEMM: per (batch, group), output channels (M) × output pixels
// (N) × reduction over input channels and taps (K). A 256-invocation workgroup computes a
// 64×64 tile, 4×4 outputs per invocation, staging 16-deep slices of the weights and of the
// im2col input in shared memory. fp32 accumulation; bias, activation, scale and residual are
// applied in the epilogue. Push constants: Conv2dPush in core/vulkan/ops/conv2d.cpp.
#include "common.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) readonly buffer W { STORE_T w[]; };
layout(std430, binding = 2) readonly buffer B { STORE_T bias[]; };
layout(std430, binding = 3) readonly buffer S { STORE_T slopes[]; };
layout(std430, binding = 4) readonly buffer R { STORE_T res[]; };
layout(std430, binding = 5) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push {
  int n, c, h, w;
  int o, kh, kw, stride;
  int pad, groups, oh, ow;
  int act, flags;  // flags: 1 = bias, 2 = residual
  float slope, out_scale;
} p;

#define TM 64
#define TN 64
#define TK 16
shared float As[TK][TM];
shared float Bs[TK][TN];

void main() {
  const int tid = int(gl_LocalInvocationID.x);
  const int n0 = int(gl_WorkGroupID.x) * TN;
  const int m0 = int(gl_WorkGroupID.y) * TM;
  const int b = int(gl_WorkGroupID.z) / p.groups, g = int(gl_WorkGroupID.z) % p.groups;
  const int cg = p.c / p.groups, og = p.o / p.groups;
  const int taps = p.kh * p.kw, K = cg * taps, npix = p.oh * p.ow;
  const int tm = (tid / 16) * 4, tn = (tid % 16) * 4;

  float acc[4][4];
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) acc[i][j] = 0.0;

  for (int k0 = 0; k0 < K; k0 += TK) {
    for (int e = tid; e < TK * TM; e += 256) {  // weights: consecutive k are contiguous
      const int kk = e % TK, mm = e / TK, m = m0 + mm, k = k0 + kk;
      As[kk][mm] = (m < og && k < K) ? LD(w, (g * og + m) * K + k) : 0.0;
    }
    for (int e = tid; e < TK * TN; e += 256) {  // input: consecutive pixels are contiguous
      const int nn = e % TN, kk = e / TN, pos = n0 + nn, k = k0 + kk;
      float v = 0.0;
      if (pos < npix && k < K) {
        const int ci = k / taps, t = k - ci * taps, ky = t / p.kw, kx = t - ky * p.kw;
        const int oy = pos / p.ow, ox = pos - oy * p.ow;
        const int iy = oy * p.stride - p.pad + ky, ix = ox * p.stride - p.pad + kx;
        if (iy >= 0 && iy < p.h && ix >= 0 && ix < p.w)
          v = LD(x, ((b * p.c + g * cg + ci) * p.h + iy) * p.w + ix);
      }
      Bs[kk][nn] = v;
    }
    barrier();
    for (int kk = 0; kk < TK; ++kk) {
      const vec4 a = vec4(As[kk][tm], As[kk][tm + 1], As[kk][tm + 2], As[kk][tm + 3]);
      const vec4 v = vec4(Bs[kk][tn], Bs[kk][tn + 1], Bs[kk][tn + 2], Bs[kk][tn + 3]);
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) acc[i][j] += a[i] * v[j];
    }
    barrier();
  }

  for (int i = 0; i < 4; ++i) {
    const int m = m0 + tm + i;
    if (m >= og) continue;
    const int oc = g * og + m;
    const float bv = (p.flags & 1) != 0 ? LD(bias, oc) : 0.0;
    const float cs = p.act == ACT_PRELU ? LD(slopes, oc) : 0.0;
    for (int j = 0; j < 4; ++j) {
      const int pos = n0 + tn + j;
      if (pos >= npix) continue;
      const int idx = (b * p.o + oc) * npix + pos;
      float v = activate(acc[i][j] + bv, p.act, p.slope, cs) * p.out_scale;
      if ((p.flags & 2) != 0) v += LD(res, idx);
      ST(y, idx, v);
    }
  }
}
