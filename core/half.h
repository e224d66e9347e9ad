// IEEE binary16 conversions for fp16 storage: round to nearest even, overflow to infinity,
// NaN kept, subnormals handled.
#pragma once

#include <cstdint>
#include <cstring>

namespace fr {

inline uint16_t float_to_half(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t abs = x & 0x7fffffffu;
  if (abs > 0x7f800000u) return uint16_t(sign | 0x7e00u);   // NaN
  if (abs >= 0x477ff000u) return uint16_t(sign | 0x7c00u);  // rounds to ≥ 65520: infinity
  if (abs < 0x38800000u) {                                  // below 2^-14: subnormal half (or zero)
    if (abs < 0x33000000u) return uint16_t(sign);           // below half the smallest subnormal
    const uint32_t mant = (abs & 0x7fffffu) | 0x800000u;
    const int shift = 126 - int(abs >> 23);  // 14..24
    const uint32_t q = mant >> shift, rem = mant & ((1u << shift) - 1), half = 1u << (shift - 1);
    return uint16_t(sign | (q + ((rem > half || (rem == half && (q & 1))) ? 1 : 0)));
  }
  const uint32_t rebased = abs - 0x38000000u;  // exponent bias 127 → 15
  const uint32_t q = rebased >> 13, rem = rebased & 0x1fffu;
  return uint16_t(sign | (q + ((rem > 0x1000u || (rem == 0x1000u && (q & 1))) ? 1 : 0)));
}

inline float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
  uint32_t x;
  if (exp == 0x1f) {
    x = sign | 0x7f800000u | (mant << 13);
  } else if (exp != 0) {
    x = sign | ((exp + 112) << 23) | (mant << 13);
  } else if (mant == 0) {
    x = sign;
  } else {  // subnormal: normalise
    int e = -1;
    uint32_t m = mant;
    do {
      ++e;
      m <<= 1;
    } while (!(m & 0x400u));
    x = sign | (uint32_t(112 - e) << 23) | ((m & 0x3ffu) << 13);
  }
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

}  // namespace fr
