#version 450
// 8-bit interleaved pixels (rows packed, 4 bytes a word) → (1,3,H,W) planes:
// t[c] = pixel[swap ? 2−c : c] · scale[c] + offset[c].
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer P { uint pixels[]; };
layout(std430, binding = 1) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int h, w, swap_rb, pad0; vec4 scale; vec4 offset; } p;

void main() {
  const uint i = flat_index();
  const uint plane = uint(p.h * p.w);
  if (i >= 3u * plane) return;
  const int c = int(i / plane);
  const uint byte_index = (i % plane) * 3u + uint(p.swap_rb != 0 ? 2 - c : c);
  const uint v = (pixels[byte_index >> 2] >> ((byte_index & 3u) * 8u)) & 0xffu;
  ST(y, i, float(v) * p.scale[c] + p.offset[c]);
}
