#version 450
// Standard normal values from (seed, index): the integer steps of core/noise_rng.h exactly.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) writeonly buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int count; uint seed_lo, seed_hi; } p;

uint mix32(uint x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}
float uniform_from_bits(uint bits) { return float((bits >> 8) + 1u) * (1.0 / 16777216.0); }

void main() {
  const uint i = flat_index();
  if (i >= uint(p.count)) return;
  const uint key = mix32(p.seed_lo ^ mix32(p.seed_hi ^ 0x9e3779b9u));
  const float u1 = uniform_from_bits(mix32(key ^ mix32(2u * i)));
  const float u2 = uniform_from_bits(mix32(key ^ mix32(2u * i + 1u)));
  ST(y, i, sqrt(-2.0 * log(u1)) * cos(3.14159265358979 * (2.0 * u2 - 1.0)));
}
