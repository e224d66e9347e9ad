#include "core/image_io.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <system_error>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/path_text.h"

namespace fr {
namespace {

std::string lower_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return ext;
}

}  // namespace

bool has_image_extension(const std::filesystem::path& path) {
  static const char* kExts[] = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff"};
  const std::string ext = lower_extension(path);
  return std::any_of(std::begin(kExts), std::end(kExts), [&](const char* e) { return ext == e; });
}

Result<cv::Mat> read_image_bgr(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return Error{path_text(path) + ": is a folder, not an image"};
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path_text(path) + ": cannot be opened (missing or not readable)"};
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (bytes.empty()) return Error{path_text(path) + ": the file is empty"};
  cv::Mat image;
  try {
    image = cv::imdecode(bytes, cv::IMREAD_COLOR);
  } catch (const cv::Exception& e) {
    return Error{path_text(path) + ": cannot be decoded (" + e.what() + ")"};
  }
  if (image.empty())
    return Error{path_text(path) + ": not a readable image (unknown format or damaged file)"};
  return image;
}

Status write_image(const std::filesystem::path& path, const cv::Mat& image, int quality) {
  const std::string ext = lower_extension(path);
  std::vector<int> params;
  if (ext == ".jpg" || ext == ".jpeg") params = {cv::IMWRITE_JPEG_QUALITY, quality};
  if (ext == ".webp") params = {cv::IMWRITE_WEBP_QUALITY, quality};
  std::vector<uint8_t> bytes;
  try {
    if (!cv::imencode(ext, image, bytes, params))
      return Error{path_text(path) + ": cannot encode the image as " + ext};
  } catch (const cv::Exception& e) {
    return Error{path_text(path) + ": cannot encode the image as " + ext + " (" + e.what() + ")"};
  }

  std::error_code ec;
  const auto folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::filesystem::create_directories(folder, ec);
  if (ec)
    return Error{path_text(folder) + ": cannot create the output folder (" + ec.message() + ")"};

  std::random_device rd;
  auto tmp = folder / (".facerestore-" + std::to_string(rd()) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return Error{path_text(folder) + ": cannot write in the output folder"};
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    out.flush();
    if (!out) {
      out.close();
      std::filesystem::remove(tmp, ec);
      return Error{path_text(path) + ": writing failed (disk full?)"};
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return Error{path_text(path) + ": cannot be written (" + ec.message() + ")"};
  }
  return {};
}

}  // namespace fr
