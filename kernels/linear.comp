#version 450
// y[n, o] = Σ_i W[o, i]·x[n, i] + b[o]: one 64-invocation workgroup per output value,
// a strided partial sum per invocation, then a tree reduction in shared memory.
#include "common.glsl"
layout(local_size_x = 64) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) readonly buffer W { STORE_T w[]; };
layout(std430, binding = 2) readonly buffer B { STORE_T bias[]; };
layout(std430, binding = 3) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int batch, in_count, out_count, has_bias; } p;
shared float partial[64];

void main() {
  const int item = int(gl_WorkGroupID.x + gl_WorkGroupID.y * gl_NumWorkGroups.x);
  if (item >= p.batch * p.out_count) return;  // uniform per workgroup
  const int n = item / p.out_count, o = item % p.out_count;
  const int t = int(gl_LocalInvocationID.x);
  float s = 0.0;
  for (int i = t; i < p.in_count; i += 64) s += LD(w, o * p.in_count + i) * LD(x, n * p.in_count + i);
  partial[t] = s;
  barrier();
  for (int step = 32; step > 0; step >>= 1) {
    if (t < step) partial[t] += partial[t + step];
    barrier();
  }
  if (t == 0) ST(y, item, partial[0] + (p.has_bias != 0 ? LD(bias, o) : 0.0));
}
