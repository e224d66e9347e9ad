// Reading and writing photos. Paths are std::filesystem::path so that non-ASCII names
// (Chinese file names on Windows included) work: files are read and written as bytes and
// decoded/encoded in memory by OpenCV.
#pragma once

#include <filesystem>
#include <string>

#include <opencv2/core.hpp>

#include "core/error.h"

namespace fr {

// An 8-bit, 3-channel BGR image, or an error naming the file and the reason.
Result<cv::Mat> read_image_bgr(const std::filesystem::path& path);

// Encodes by the extension of `path` (.png, .jpg/.jpeg, .webp, .bmp, .tif/.tiff) and writes
// atomically: a temporary file in the same folder, renamed over `path` only when complete.
// The parent folder is created if missing. `quality` applies to JPEG and WebP (1–100).
Status write_image(const std::filesystem::path& path, const cv::Mat& image, int quality = 95);

// True if the extension is one of the image formats we read.
bool has_image_extension(const std::filesystem::path& path);

}  // namespace fr
