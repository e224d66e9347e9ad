// The pixel size an image file declares in its header, read from its bytes without decoding
// and without trusting them: so that a small file claiming a huge image is refused before a
// decoder allocates for it. JPEG (the first SOF segment), PNG (IHDR), BMP (the info header),
// WebP (VP8, VP8L or VP8X) and TIFF (the first IFD).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace fr {

struct DeclaredSize {
  int64_t width = 0;
  int64_t height = 0;
};

// The width and height the header states, before any EXIF rotation; nullopt when the format
// is not one of the above or the header is cut short or inconsistent (the decoder then
// decides).
std::optional<DeclaredSize> declared_image_size(const uint8_t* data, size_t size);

}  // namespace fr
