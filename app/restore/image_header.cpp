#include "app/restore/image_header.h"

#include <cstdlib>
#include <cstring>

namespace fr {
namespace {

// Bounds-checked little- and big-endian reads: false when [at, at + n) is outside the data.
struct Bytes {
  const uint8_t* d;
  size_t n;

  bool has(size_t at, size_t len) const { return at <= n && len <= n - at; }
  bool starts(const char* magic, size_t len, size_t at = 0) const {
    return has(at, len) && std::memcmp(d + at, magic, len) == 0;
  }
  uint32_t le(size_t at, int len) const {
    uint32_t v = 0;
    for (int i = len - 1; i >= 0; --i) v = v << 8 | d[at + i];
    return v;
  }
  uint32_t be(size_t at, int len) const {
    uint32_t v = 0;
    for (int i = 0; i < len; ++i) v = v << 8 | d[at + i];
    return v;
  }
};

std::optional<DeclaredSize> sized(int64_t width, int64_t height) {
  if (width <= 0 || height <= 0) return std::nullopt;
  return DeclaredSize{width, height};
}

// Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC).
bool is_sof(uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

std::optional<DeclaredSize> jpeg_size(const Bytes& b) {
  size_t at = 2;
  while (b.has(at, 4)) {
    if (b.d[at] != 0xFF) return std::nullopt;
    const uint8_t marker = b.d[at + 1];
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) return std::nullopt;  // no frame before the scan
    const size_t length = b.be(at + 2, 2);
    if (length < 2) return std::nullopt;
    if (is_sof(marker)) {
      // length(2) precision(1) height(2) width(2)
      if (!b.has(at + 4, 5)) return std::nullopt;
      return sized(b.be(at + 7, 2), b.be(at + 5, 2));
    }
    at += 2 + length;
  }
  return std::nullopt;
}

std::optional<DeclaredSize> png_size(const Bytes& b) {
  if (!b.has(8, 16) || !b.starts("IHDR", 4, 12)) return std::nullopt;
  return sized(b.be(16, 4), b.be(20, 4));
}

std::optional<DeclaredSize> bmp_size(const Bytes& b) {
  if (!b.has(14, 4)) return std::nullopt;
  const uint32_t header = b.le(14, 4);
  if (header == 12) {  // BITMAPCOREHEADER: 16-bit width and height
    if (!b.has(18, 4)) return std::nullopt;
    return sized(b.le(18, 2), b.le(20, 2));
  }
  if (header < 40 || !b.has(18, 8)) return std::nullopt;
  // Signed 32-bit; a negative height means rows stored top-down.
  const int32_t width = int32_t(b.le(18, 4)), height = int32_t(b.le(22, 4));
  return sized(width, std::llabs(int64_t(height)));
}

std::optional<DeclaredSize> webp_size(const Bytes& b) {
  if (b.starts("VP8 ", 4, 12)) {  // lossy: frame tag (3), start code 9D 01 2A, 14-bit sizes
    if (!b.has(20, 10) || !b.starts("\x9d\x01\x2a", 3, 23)) return std::nullopt;
    return sized(b.le(26, 2) & 0x3FFF, b.le(28, 2) & 0x3FFF);
  }
  if (b.starts("VP8L", 4, 12)) {  // lossless: signature 0x2F, then 14-bit width−1, height−1
    if (!b.has(20, 5) || b.d[20] != 0x2F) return std::nullopt;
    const uint32_t bits = b.le(21, 4);
    return sized((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
  }
  if (b.starts("VP8X", 4, 12)) {  // extended: 24-bit canvas width−1, height−1
    if (!b.has(24, 6)) return std::nullopt;
    return sized(int64_t(b.le(24, 3)) + 1, int64_t(b.le(27, 3)) + 1);
  }
  return std::nullopt;
}

std::optional<DeclaredSize> tiff_size(const Bytes& b) {
  const bool little = b.d[0] == 'I';
  auto get = [&](size_t at, int len) { return little ? b.le(at, len) : b.be(at, len); };
  if (!b.has(4, 4)) return std::nullopt;
  const size_t ifd = get(4, 4);
  if (!b.has(ifd, 2)) return std::nullopt;
  const size_t entries = get(ifd, 2);
  int64_t width = 0, height = 0;
  for (size_t i = 0; i < entries; ++i) {
    const size_t entry = ifd + 2 + 12 * i;
    if (!b.has(entry, 12)) return std::nullopt;
    const uint32_t tag = get(entry, 2), type = get(entry + 2, 2);
    // SHORT (3) or LONG (4), one value, stored in the entry itself.
    const int64_t value = type == 3 ? get(entry + 8, 2) : type == 4 ? get(entry + 8, 4) : -1;
    if (tag == 256) width = value;
    if (tag == 257) height = value;
  }
  return sized(width, height);
}

}  // namespace

std::optional<DeclaredSize> declared_image_size(const uint8_t* data, size_t size) {
  const Bytes b{data, size};
  if (b.starts("\xFF\xD8", 2)) return jpeg_size(b);
  if (b.starts("\x89PNG\r\n\x1a\n", 8)) return png_size(b);
  if (b.starts("BM", 2)) return bmp_size(b);
  if (b.starts("RIFF", 4) && b.starts("WEBP", 4, 8)) return webp_size(b);
  if (b.starts("II*\0", 4) || b.starts("MM\0*", 4)) return tiff_size(b);
  return std::nullopt;
}

}  // namespace fr
