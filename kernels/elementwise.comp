#version 450
// op 0: y = a + b; op 1: y = a · b; op 2: y = clamp(a, lo, hi).
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer A { STORE_T a[]; };
layout(std430, binding = 1) readonly buffer B { STORE_T b[]; };
layout(std430, binding = 2) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int count, op; float lo, hi; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.count)) return;
  const float va = LD(a, i);
  float v;
  if (p.op == 0) v = va + LD(b, i);
  else if (p.op == 1) v = va * LD(b, i);
  else v = min(p.hi, max(p.lo, va));
  ST(y, i, v);
}
