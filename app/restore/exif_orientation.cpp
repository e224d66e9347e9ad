#include "app/restore/exif_orientation.h"

#include <cstring>

namespace fr {
namespace {

// Bounds-checked reads of a TIFF structure (the body of every EXIF block).
class Tiff {
 public:
  Tiff(const uint8_t* data, size_t size) : data_(data), size_(size) {}

  int orientation() const {
    if (size_ < 8) return 1;
    if (std::memcmp(data_, "II*\0", 4) == 0)
      little_ = true;
    else if (std::memcmp(data_, "MM\0*", 4) == 0)
      little_ = false;
    else
      return 1;
    const uint32_t ifd = u32(4);
    if (ifd > size_ || size_ - ifd < 2) return 1;
    const uint16_t entries = u16(ifd);
    for (uint32_t i = 0; i < entries; ++i) {
      const uint64_t at = uint64_t(ifd) + 2 + uint64_t(i) * 12;
      if (at + 12 > size_) return 1;
      if (u16(size_t(at)) != 0x0112) continue;
      const uint16_t type = u16(size_t(at) + 2);  // SHORT = 3
      const uint32_t count = u32(size_t(at) + 4);
      if (type != 3 || count < 1) return 1;
      const int value = u16(size_t(at) + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
    return 1;
  }

 private:
  uint16_t u16(size_t at) const {
    const uint8_t* p = data_ + at;
    return little_ ? uint16_t(p[0] | p[1] << 8) : uint16_t(p[0] << 8 | p[1]);
  }
  uint32_t u32(size_t at) const {
    const uint8_t* p = data_ + at;
    return little_
               ? uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24
               : uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
  }

  const uint8_t* data_;
  size_t size_;
  mutable bool little_ = true;
};

uint32_t be32(const uint8_t* p) {
  return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | uint32_t(p[3]);
}

// JPEG: markers from SOI up to the start of scan; the first APP1 holding "Exif\0\0".
int jpeg_orientation(const uint8_t* d, size_t n) {
  size_t at = 2;
  while (at + 4 <= n) {
    if (d[at] != 0xFF) return 1;
    const uint8_t marker = d[at + 1];
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return 1;            // start of scan, end of image
    const size_t length = size_t(d[at + 2]) << 8 | d[at + 3];  // includes its own 2 bytes
    if (length < 2 || at + 2 + length > n) return 1;
    const uint8_t* body = d + at + 4;
    const size_t body_size = length - 2;
    if (marker == 0xE1 && body_size >= 6 && std::memcmp(body, "Exif\0\0", 6) == 0)
      return Tiff(body + 6, body_size - 6).orientation();
    at += 2 + length;
  }
  return 1;
}

// PNG: chunks (length, type, data, CRC) until IDAT; eXIf holds the TIFF structure.
int png_orientation(const uint8_t* d, size_t n) {
  size_t at = 8;
  while (at + 12 <= n) {
    const uint32_t length = be32(d + at);
    if (length > n - at - 12) return 1;
    const uint8_t* type = d + at + 4;
    if (std::memcmp(type, "eXIf", 4) == 0) return Tiff(d + at + 8, length).orientation();
    if (std::memcmp(type, "IDAT", 4) == 0) return 1;
    at += 12 + size_t(length);
  }
  return 1;
}

// WebP: RIFF chunks (four-character code, little-endian size, data padded to even).
int webp_orientation(const uint8_t* d, size_t n) {
  size_t at = 12;
  while (at + 8 <= n) {
    const uint32_t size = uint32_t(d[at + 4]) | uint32_t(d[at + 5]) << 8 |
                          uint32_t(d[at + 6]) << 16 | uint32_t(d[at + 7]) << 24;
    if (size > n - at - 8) return 1;
    if (std::memcmp(d + at, "EXIF", 4) == 0) {
      const uint8_t* body = d + at + 8;
      size_t body_size = size;
      if (body_size >= 6 && std::memcmp(body, "Exif\0\0", 6) == 0) body += 6, body_size -= 6;
      return Tiff(body, body_size).orientation();
    }
    at += 8 + size_t(size) + (size & 1);
  }
  return 1;
}

}  // namespace

int exif_orientation(const uint8_t* data, size_t size) {
  if (!data || size < 12) return 1;
  if (data[0] == 0xFF && data[1] == 0xD8) return jpeg_orientation(data, size);
  if (std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) return png_orientation(data, size);
  if (std::memcmp(data, "RIFF", 4) == 0 && std::memcmp(data + 8, "WEBP", 4) == 0)
    return webp_orientation(data, size);
  if (std::memcmp(data, "II*\0", 4) == 0 || std::memcmp(data, "MM\0*", 4) == 0)
    return Tiff(data, size).orientation();
  return 1;
}

cv::Mat apply_exif_orientation(const cv::Mat& image, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2:
      cv::flip(image, out, 1);
      return out;
    case 3:
      cv::flip(image, out, -1);
      return out;
    case 4:
      cv::flip(image, out, 0);
      return out;
    case 5:
      cv::transpose(image, out);
      return out;
    case 6:
      cv::transpose(image, out);
      cv::flip(out, out, 1);
      return out;
    case 7:
      cv::transpose(image, out);
      cv::flip(out, out, -1);
      return out;
    case 8:
      cv::transpose(image, out);
      cv::flip(out, out, 0);
      return out;
    default:
      return image;
  }
}

}  // namespace fr
