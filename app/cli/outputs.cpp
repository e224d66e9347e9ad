#include "app/cli/outputs.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#ifndef _WIN32
#include <sys/stat.h>
#endif

#include <opencv2/core.hpp>

#include "app/restore/image_io.h"
#include "core/path_text.h"

namespace fr {
namespace {

namespace fs = std::filesystem;

std::string with_suffix(std::string name, const std::string& suffix) {
  return suffix.empty() ? name : name + "_" + suffix;
}

std::string face_name(const fs::path& input, size_t index) {
  char number[32];
  std::snprintf(number, sizeof number, "_%02zu", index);
  return input.stem().string() + number;
}

// The file's (device, inode); nullopt where it does not exist or the system has none.
std::optional<std::pair<uint64_t, uint64_t>> file_identity(const fs::path& path) {
#ifndef _WIN32
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return std::pair<uint64_t, uint64_t>(st.st_dev, st.st_ino);
#endif
  return std::nullopt;
}

}  // namespace

fs::path restored_image_path(const fs::path& input, const OutputSettings& settings) {
  const std::string ext = settings.ext == "auto" ? input.extension().string() : "." + settings.ext;
  return settings.folder / "restored_imgs" /
         fs::path(with_suffix(input.stem().string(), settings.suffix) +
                  (ext.empty() ? ".png" : ext));
}

fs::path aligned_face_path(const fs::path& input, const OutputSettings& settings) {
  return settings.folder / "restored_faces" /
         fs::path(with_suffix(input.stem().string(), settings.suffix) + ".png");
}

InputGuard::InputGuard(const std::vector<fs::path>& inputs) {
  std::error_code ec;
  for (const fs::path& p : inputs) {
    fs::path canonical = fs::weakly_canonical(p, ec);
    inputs_.push_back(ec ? fs::absolute(p, ec) : canonical);
    if (auto id = file_identity(p)) files_.push_back(*id);
  }
  std::sort(inputs_.begin(), inputs_.end());
  std::sort(files_.begin(), files_.end());
}

bool InputGuard::is_input(const fs::path& target) const {
  if (inputs_.empty()) return false;
  std::error_code ec;
  const fs::path canonical = fs::weakly_canonical(target, ec);
  if (!ec && std::binary_search(inputs_.begin(), inputs_.end(), canonical)) return true;
  // Hard links and case-insensitive file systems: the same file under another name.
  if (!fs::exists(target, ec)) return false;
  if (auto id = file_identity(target)) return std::binary_search(files_.begin(), files_.end(), *id);
  return std::any_of(inputs_.begin(), inputs_.end(), [&](const fs::path& input) {
    std::error_code e;
    return fs::equivalent(input, target, e);
  });
}

Status write_output(const fs::path& path, const cv::Mat& image, const OutputSettings& settings,
                    const InputGuard& guard) {
  if (guard.is_input(path))
    return Error{path_text(path) +
                 ": is one of the input photos; it is never written over "
                 "(choose another output folder)"};
  return write_image(path, image, settings.quality,
                     settings.overwrite ? Existing::replace : Existing::keep);
}

Result<std::vector<fs::path>> write_restoration(const Restoration& restoration,
                                                const fs::path& input,
                                                const OutputSettings& settings,
                                                const SourceFormat& format,
                                                const InputGuard& guard) {
  std::vector<fs::path> written, created;
  auto write = [&](const fs::path& path, const cv::Mat& image) -> Status {
    std::error_code ec;
    const bool existed = fs::exists(fs::symlink_status(path, ec));
    if (auto st = write_output(path, image, settings, guard); !st) {
      for (const fs::path& p : created) fs::remove(p, ec);
      return st;
    }
    written.push_back(path);
    if (!existed) created.push_back(path);
    return {};
  };
  for (size_t i = 0; i < restoration.faces.size(); ++i) {
    const RestoredFace& face = restoration.faces[i];
    const std::string name = face_name(input, i);
    cv::Mat side_by_side;
    cv::hconcat(face.crop, face.restored, side_by_side);
    for (const auto& [path, image] :
         {std::pair{settings.folder / "cropped_faces" / (name + ".png"), face.crop},
          std::pair{
              settings.folder / "restored_faces" / (with_suffix(name, settings.suffix) + ".png"),
              face.restored},
          std::pair{settings.folder / "cmp" / (name + ".png"), side_by_side}})
      if (auto st = write(path, image); !st) return st.error();
  }
  if (auto st = write(restored_image_path(input, settings),
                      match_source_format(restoration.image, format));
      !st)
    return st.error();
  return written;
}

}  // namespace fr
