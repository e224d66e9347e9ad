// The engine's random normal numbers: a pure function of (seed, index) built from 32-bit
// integer operations only, so that kernels/random_normal.comp computes the same bits for
// the uniforms (the float log/cos may differ in the last ulps between backends).
#pragma once

#include <cmath>
#include <cstdint>

namespace fr {

// A 32-bit integer mixer (bias-reducing xorshift-multiply, "lowbias32").
inline uint32_t mix32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352dU;
  x ^= x >> 15;
  x *= 0x846ca68bU;
  x ^= x >> 16;
  return x;
}

// Uniform in (0, 1]: 24 random bits, never 0 so that log() is finite.
inline float uniform_from_bits(uint32_t bits) {
  return float((bits >> 8) + 1u) * (1.0f / 16777216.0f);
}

// Standard normal value number `index` of the stream `seed` (Box–Muller, cosine branch; the
// angle lies in (−π, π], the range where Vulkan bounds cos's error).
inline float normal_at(uint64_t seed, uint32_t index) {
  const uint32_t lo = uint32_t(seed), hi = uint32_t(seed >> 32);
  const uint32_t key = mix32(lo ^ mix32(hi ^ 0x9e3779b9U));
  const float u1 = uniform_from_bits(mix32(key ^ mix32(2u * index)));
  const float u2 = uniform_from_bits(mix32(key ^ mix32(2u * index + 1u)));
  return std::sqrt(-2.0f * std::log(u1)) * std::cos(3.14159265358979f * (2.0f * u2 - 1.0f));
}

}  // namespace fr
