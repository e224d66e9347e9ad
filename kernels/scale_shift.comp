#version 450
// y = act(x · scale · cs[c] + shift + csh[c]) (core/ops.h ScaleShiftParams).
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) readonly buffer CS { STORE_T cs[]; };
layout(std430, binding = 2) readonly buffer CH { STORE_T ch[]; };
layout(std430, binding = 3) readonly buffer SL { STORE_T slopes[]; };
layout(std430, binding = 4) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push {
  int count, c, plane, flags;  // flags: 1 = channel scale, 2 = channel shift
  int act;
  float scale, shift, slope;
} p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.count)) return;
  const int c = int((i / uint(p.plane)) % uint(p.c));
  const float a = p.scale * ((p.flags & 1) != 0 ? LD(cs, c) : 1.0);
  const float b = p.shift + ((p.flags & 2) != 0 ? LD(ch, c) : 0.0);
  const float cslope = p.act == ACT_PRELU ? LD(slopes, c) : 0.0;
  ST(y, i, activate(LD(x, i) * a + b, p.act, p.slope, cslope));
}
