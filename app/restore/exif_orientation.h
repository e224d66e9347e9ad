// The EXIF orientation tag (0x0112) of an image file, read from its bytes without trusting
// them: JPEG (APP1 "Exif"), PNG (eXIf chunk), WebP (RIFF "EXIF" chunk) and TIFF (IFD0).
#pragma once

#include <cstddef>
#include <cstdint>

#include <opencv2/core.hpp>

namespace fr {

// 1…8 as EXIF defines it; 1 (upright) when the file has no valid tag.
int exif_orientation(const uint8_t* data, size_t size);

// Turns `image` upright for EXIF orientation 1…8 (2: mirrored, 3: 180°, 4: flipped,
// 5: transposed, 6: 90° clockwise, 7: transversed, 8: 90° counter-clockwise).
cv::Mat apply_exif_orientation(const cv::Mat& image, int orientation);

}  // namespace fr
