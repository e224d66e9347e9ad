#version 450
// StyleGAN2 modulation (core/ops.h ModulateParams), float32 throughout: one 256-invocation
// workgroup per output channel o sums (w·s)² over its in·k·k taps, then writes the result.
#include "common.glsl"
layout(local_size_x = 256) in;
layout(std430, binding = 0) readonly buffer W { STORE_T w[]; };
layout(std430, binding = 1) readonly buffer S { STORE_T style[]; };
layout(std430, binding = 2) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int out_count, in_count, taps, demodulate; float gain; } p;
shared float partial[256];

void main() {
  const int o = int(gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x);
  if (o >= p.out_count) return;  // uniform per workgroup
  const int t = int(gl_LocalInvocationID.x), per_out = p.in_count * p.taps, base = o * per_out;
  float s = 0.0;
  for (int e = t; e < per_out; e += 256) {
    const float v = LD(w, base + e) * LD(style, e / p.taps);
    s += v * v;
  }
  partial[t] = s;
  barrier();
  for (int step = 128; step > 0; step >>= 1) {
    if (t < step) partial[t] += partial[t + step];
    barrier();
  }
  const float k = p.gain * (p.demodulate != 0 ? inversesqrt(partial[0] + 1e-8) : 1.0);
  for (int e = t; e < per_out; e += 256) ST(y, base + e, LD(w, base + e) * LD(style, e / p.taps) * k);
}
