#version 450
// (1,3,H,W) planes → 8-bit interleaved pixels, one invocation per 4-byte word of output:
// pixel[swap ? 2−c : c] = saturate(roundEven(clamp(t[c], lo, hi) · scale + offset)); NaN → 0.
// The word after the last pixel word counts the NaN and infinite values (zeroed by the host).
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) buffer P { uint pixels[]; };
layout(push_constant) uniform Push { int h, w, swap_rb; float lo, hi, scale, offset; } p;

void main() {
  const uint word = flat_index();
  const uint plane = uint(p.h * p.w), total = 3u * plane;
  if (word * 4u >= total) return;
  uint packed = 0u, not_finite = 0u;
  for (uint k = 0u; k < 4u; ++k) {
    const uint b = word * 4u + k;
    if (b >= total) break;
    const int ch = int(b % 3u);
    const int c = p.swap_rb != 0 ? 2 - ch : ch;
    const float t = LD(x, uint(c) * plane + b / 3u);
    float v = roundEven(min(p.hi, max(p.lo, t)) * p.scale + p.offset);
    v = isnan(t) ? 0.0 : clamp(v, 0.0, 255.0);
    if (isnan(t) || isinf(t)) ++not_finite;
    packed |= uint(v) << (k * 8u);
  }
  pixels[word] = packed;
  if (not_finite != 0u) atomicAdd(pixels[(total + 3u) / 4u], not_finite);
}
