// Reading and writing photos. Paths are std::filesystem::path so that non-ASCII names
// (Chinese file names on Windows included) work: files are read and written as bytes and
// decoded/encoded in memory by OpenCV.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/error.h"

namespace fr {

// What a photo had besides its colours, so that its result can be written the same way.
struct SourceFormat {
  cv::Mat alpha;           // empty, or the alpha plane (CV_8U or CV_16U) at the photo's size
  int depth = CV_8U;       // CV_8U or CV_16U: the file's sample depth
  bool grayscale = false;  // the file had one colour channel
};

// A decoded photo: upright (its EXIF orientation applied, alpha included), as 8-bit BGR for
// the pipeline, and how the file stored it.
struct LoadedImage {
  cv::Mat bgr;  // CV_8UC3; 16-bit samples are scaled by 1/257 and rounded
  SourceFormat format;
};

struct ReadLimits {
  int64_t max_pixels = 100'000'000;  // width × height above this is refused; ≤ 0: no limit
  // Where the user raises the limit, for the message ("--max-megapixels", a settings page);
  // may be empty.
  std::string raise_with;
};

// Decodes an image file's bytes. `name` is the file name used in messages. Errors name it and
// the reason (empty, unknown format or damaged, too large).
Result<LoadedImage> decode_image(const uint8_t* data, size_t size, const std::string& name,
                                 const ReadLimits& limits = {});
// Reads and decodes a file (decode_image); also reports folders and unreadable files.
Result<LoadedImage> read_image(const std::filesystem::path& path, const ReadLimits& limits = {});
// read_image on a thread of its own, so that the next photo is read while the networks work
// on this one.
std::future<Result<LoadedImage>> read_image_ahead(const std::filesystem::path& path,
                                                  const ReadLimits& limits = {});
// read_image's 8-bit BGR pixels only.
Result<cv::Mat> read_image_bgr(const std::filesystem::path& path);

// An 8-bit BGR result made to look like its source: grayscale again if the source was, the
// source's alpha resized (bilinear) to the result's size and attached, 16-bit (×257) if the
// source was.
cv::Mat match_source_format(const cv::Mat& bgr, const SourceFormat& format);

// What write_image does when `path` already exists.
enum class Existing {
  replace,  // atomically replaced
  keep,     // left alone; the write fails saying so
};

// Encodes `image` (8- or 16-bit; gray, BGR or BGRA) in the format of `extension` (".png",
// ".jpg"/".jpeg", ".webp", ".bmp", ".tif"/".tiff", any case). `quality` applies to JPEG and
// WebP (1–100). What the format cannot hold is dropped: alpha for JPEG and BMP, 16-bit depth
// (→ 8-bit, v/257 rounded) for all but PNG and TIFF.
Result<std::vector<uint8_t>> encode_image(const cv::Mat& image, const std::string& extension,
                                          int quality = 95);

// Encodes by the extension of `path` (encode_image, with `quality`) and writes atomically: a
// temporary file in the same folder, moved to `path` only when complete, so a failed write (a
// full disk, a folder that cannot be written) leaves nothing behind. The parent folder is
// created if missing.
Status write_image(const std::filesystem::path& path, const cv::Mat& image, int quality = 95,
                   Existing existing = Existing::replace);

// True if the extension is one of the image formats we read.
bool has_image_extension(const std::filesystem::path& path);

}  // namespace fr
