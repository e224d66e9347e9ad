#version 450
// y = clamp(x, lo, hi).
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int count; float lo, hi; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.count)) return;
  ST(y, i, min(p.hi, max(p.lo, LD(x, i))));
}
