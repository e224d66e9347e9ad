#include "app/restore/image_io.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <random>
#include <system_error>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/restore/exif_orientation.h"
#include "app/restore/image_header.h"
#include "core/path_text.h"

namespace fr {
namespace {

namespace fs = std::filesystem;

std::string lower_extension(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

// The reason of the last failed C library call, or `fallback`.
std::string errno_text(const char* fallback) {
  return errno ? std::strerror(errno) : fallback;
}

// 16-bit samples to 8 bits, v/257 rounded; 8-bit ones as they are.
cv::Mat to_8bit(const cv::Mat& m) {
  if (m.depth() == CV_8U) return m;
  cv::Mat out;
  m.convertTo(out, CV_8U, 1.0 / 257.0);
  return out;
}

// Folders exist but hold no image; everything else is read as bytes.
Result<std::vector<uint8_t>> read_bytes(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Error{path_text(path) + ": is a folder, not an image"};
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Error{path_text(path) + ": cannot be opened (" + errno_text("missing or not readable") +
                 ")"};
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (in.bad())
    return Error{path_text(path) + ": cannot be read (" + errno_text("read error") + ")"};
  return bytes;
}

// Whether the format of `ext` can store an alpha plane, and 16-bit samples.
bool holds_alpha(const std::string& ext) {
  return ext == ".png" || ext == ".webp" || ext == ".tif" || ext == ".tiff";
}
bool holds_16bit(const std::string& ext) {
  return ext == ".png" || ext == ".tif" || ext == ".tiff";
}

// A JPEG whose data stops before its end-of-image marker: libjpeg would fill the missing
// rows with grey and call it a success. Walks the segments (skipping their bodies, so that an
// EXIF thumbnail's own markers do not count) and the entropy-coded data after each scan.
bool jpeg_is_truncated(const uint8_t* d, size_t n) {
  if (n < 4 || d[0] != 0xFF || d[1] != 0xD8) return false;  // not a JPEG
  size_t at = 2;
  while (at + 2 <= n) {
    if (d[at] != 0xFF) return true;  // lost the marker structure: damaged
    const uint8_t marker = d[at + 1];
    if (marker == 0xFF) {
      ++at;
      continue;
    }
    if (marker == 0xD9) return false;  // end of image
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      at += 2;
      continue;
    }
    if (at + 4 > n) return true;
    const size_t length = size_t(d[at + 2]) << 8 | d[at + 3];
    if (length < 2 || at + 2 + length > n) return true;
    at += 2 + length;
    if (marker != 0xDA) continue;
    // Entropy-coded data: runs until a marker that is neither a stuffed 0xFF00 nor a restart.
    while (at + 1 < n &&
           !(d[at] == 0xFF && d[at + 1] != 0x00 && !(d[at + 1] >= 0xD0 && d[at + 1] <= 0xD7)))
      ++at;
    if (at + 1 >= n) return true;
  }
  return true;
}

// True for the signatures of the formats we read. OpenCV's decoders are tried on everything
// else too (DICOM, GDAL's formats), and some of those abort or leak on a damaged file, so
// only these reach imdecode. A WebP header must also be complete (RIFF size, VP8 chunk).
bool has_supported_signature(const uint8_t* d, size_t n) {
  auto starts = [&](const char* magic, size_t len, size_t at = 0) {
    return n >= at + len && std::memcmp(d + at, magic, len) == 0;
  };
  if (starts("\xFF\xD8\xFF", 3) || starts("\x89PNG\r\n\x1a\n", 8) || starts("BM", 2) ||
      starts("II*\0", 4) || starts("MM\0*", 4))
    return !starts("DICM", 4, 128) && !starts("DTED", 4, 140);
  return starts("RIFF", 4) && starts("WEBP", 4, 8) && starts("VP8", 3, 12) &&
         !starts("DICM", 4, 128) && !starts("DTED", 4, 140);
}

// An error when width × height (each 0 to 2³², as headers declare them) is above the limit.
std::optional<Error> check_pixel_limit(const std::string& name, int64_t width, int64_t height,
                                       const ReadLimits& limits) {
  if (limits.max_pixels <= 0 || height <= 0 || width <= limits.max_pixels / height)
    return std::nullopt;
  // The product can exceed int64 (a header declaring 2³² − 1 on both sides).
  const double megapixels = double(width) * double(height) / 1e6;
  return Error{
      name + ": the image is " + std::to_string(width) + "×" + std::to_string(height) + " (" +
      std::to_string(int64_t(megapixels)) + " megapixels), larger than the limit of " +
      std::to_string(limits.max_pixels / 1'000'000) + " megapixels; raise the limit" +
      (limits.raise_with.empty() ? "" : " (" + limits.raise_with + ")") + " to process it"};
}

}  // namespace

bool has_image_extension(const fs::path& path) {
  static const char* kExts[] = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"};
  const std::string ext = lower_extension(path);
  return std::any_of(std::begin(kExts), std::end(kExts), [&](const char* e) { return ext == e; });
}

Result<LoadedImage> decode_image(const uint8_t* data, size_t size, const std::string& name,
                                 const ReadLimits& limits) {
  if (size == 0) return Error{name + ": the file is empty"};
  if (!has_supported_signature(data, size))
    return Error{name + ": not a readable image (unknown format or damaged file)"};
  if (jpeg_is_truncated(data, size))
    return Error{name + ": the JPEG file is cut short or damaged (its data ends early)"};
  // Before decoding, so that a small file declaring a huge image allocates nothing; the
  // decoded size is checked again below (a header this cannot read).
  if (const auto declared = declared_image_size(data, size))
    if (auto refused = check_pixel_limit(name, declared->width, declared->height, limits))
      return *refused;
  cv::Mat decoded;
  try {
    const cv::Mat bytes(1, int(std::min<size_t>(size, INT32_MAX)), CV_8U,
                        const_cast<uint8_t*>(data));
    // UNCHANGED keeps alpha and 16-bit samples (and skips OpenCV's own EXIF handling).
    decoded = cv::imdecode(bytes, cv::IMREAD_UNCHANGED);
    if (!decoded.empty() && decoded.depth() != CV_8U && decoded.depth() != CV_16U)
      decoded = cv::imdecode(bytes, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
  } catch (const cv::Exception& e) {
    return Error{name + ": cannot be decoded (" + e.err + ")"};
  }
  if (decoded.empty())
    return Error{name + ": not a readable image (unknown format or damaged file)"};
  if (auto refused = check_pixel_limit(name, decoded.cols, decoded.rows, limits)) return *refused;

  decoded = apply_exif_orientation(decoded, exif_orientation(data, size));
  LoadedImage image;
  image.format.depth = decoded.depth();
  switch (decoded.channels()) {
    case 1:
      image.format.grayscale = true;
      cv::cvtColor(to_8bit(decoded), image.bgr, cv::COLOR_GRAY2BGR);
      break;
    case 3:
      image.bgr = to_8bit(decoded);
      break;
    case 4: {
      cv::Mat planes[4];
      cv::split(decoded, planes);
      image.format.alpha = planes[3];
      cv::Mat colour;
      cv::merge(planes, 3, colour);
      image.bgr = to_8bit(colour);
      break;
    }
    default:
      return Error{name + ": images with " + std::to_string(decoded.channels()) +
                   " channels are not supported"};
  }
  if (!image.bgr.isContinuous()) image.bgr = image.bgr.clone();
  return image;
}

std::future<Result<LoadedImage>> read_image_ahead(const fs::path& path, const ReadLimits& limits) {
  return std::async(std::launch::async, [path, limits] { return read_image(path, limits); });
}

Result<LoadedImage> read_image(const fs::path& path, const ReadLimits& limits) {
  auto bytes = read_bytes(path);
  if (!bytes) return bytes.error();
  return decode_image(bytes->data(), bytes->size(), path_text(path), limits);
}

Result<cv::Mat> read_image_bgr(const fs::path& path) {
  auto image = read_image(path);
  if (!image) return image.error();
  return std::move(image->bgr);
}

cv::Mat match_source_format(const cv::Mat& bgr, const SourceFormat& format) {
  FR_CHECK(bgr.type() == CV_8UC3, "match_source_format takes an 8-bit BGR image");
  cv::Mat out;
  if (format.grayscale)
    cv::cvtColor(bgr, out, cv::COLOR_BGR2GRAY);
  else
    out = bgr;
  const bool deep = format.depth == CV_16U;
  if (deep) out.convertTo(out, CV_16U, 257.0);
  if (!format.alpha.empty()) {
    cv::Mat alpha;
    cv::resize(format.alpha, alpha, out.size(), 0, 0, cv::INTER_LINEAR);
    const bool alpha_deep = alpha.depth() == CV_16U;
    alpha.convertTo(alpha, deep ? CV_16U : CV_8U,
                    alpha_deep == deep ? 1.0
                    : deep             ? 257.0
                                       : 1.0 / 257.0);
    std::vector<cv::Mat> planes;
    if (format.grayscale) {
      cv::Mat colour;
      cv::cvtColor(out, colour, cv::COLOR_GRAY2BGR);  // OpenCV writes alpha with 3 colours
      cv::split(colour, planes);
    } else {
      cv::split(out, planes);
    }
    planes.push_back(alpha);
    cv::merge(planes, out);
  }
  return out;
}

Result<std::vector<uint8_t>> encode_image(const cv::Mat& image, const std::string& extension,
                                          int quality) {
  std::string ext = extension;
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  std::vector<int> params;
  if (ext == ".jpg" || ext == ".jpeg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
  if (ext == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, quality};
  cv::Mat encodable = image;
  if (encodable.depth() == CV_16U && !holds_16bit(ext)) encodable = to_8bit(encodable);
  if (encodable.channels() == 4 && !holds_alpha(ext))
    cv::cvtColor(encodable, encodable, cv::COLOR_BGRA2BGR);
  std::vector<uint8_t> bytes;
  try {
    if (!cv::imencode(ext, encodable, bytes, params))
      return Error{"cannot encode the image as " + ext};
  } catch (const cv::Exception& e) {
    return Error{"cannot encode the image as " + ext + " (" + e.err + ")"};
  }
  return bytes;
}

Status write_image(const fs::path& path, const cv::Mat& image, int quality, Existing existing) {
  auto encoded = encode_image(image, lower_extension(path), quality);
  if (!encoded) return Error{path_text(path) + ": " + encoded.error().message};
  const std::vector<uint8_t>& bytes = *encoded;

  std::error_code ec;
  const auto folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fs::create_directories(folder, ec);
  if (ec)
    return Error{path_text(folder) + ": cannot create the output folder (" + ec.message() + ")"};
  if (existing == Existing::keep && fs::exists(fs::symlink_status(path, ec)))
    return Error{path_text(path) + ": already exists (use --overwrite to replace it)"};

  std::random_device rd;
  const auto tmp = folder / (".facerestore-" + std::to_string(rd()) + ".tmp");
  std::error_code ignored;
  {
    errno = 0;
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out)
      return Error{path_text(folder) + ": cannot write in the output folder (" +
                   errno_text("permission denied?") + ")"};
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    out.flush();
    out.close();
    if (!out) {
      const std::string reason = errno_text("disk full?");
      fs::remove(tmp, ignored);
      return Error{path_text(path) + ": writing failed (" + reason + "); nothing was written"};
    }
  }
  if (existing == Existing::keep) {
    // A hard link never replaces an existing file, even one that appeared since the check.
    // Where the file system has no hard links (FAT, some network drives) the check above
    // stands and the file is renamed into place.
    fs::create_hard_link(tmp, path, ec);
    if (ec && ec != std::errc::file_exists) {
      ec.clear();
      fs::rename(tmp, path, ec);
    }
    fs::remove(tmp, ignored);
    if (ec == std::errc::file_exists)
      return Error{path_text(path) + ": already exists (use --overwrite to replace it)"};
  } else {
    fs::rename(tmp, path, ec);
    if (ec) fs::remove(tmp, ignored);
  }
  if (ec) return Error{path_text(path) + ": cannot be written (" + ec.message() + ")"};
  return {};
}

}  // namespace fr
