#include "core/pipeline/outputs.h"

#include <cstdio>

#include <opencv2/core.hpp>

#include "core/image_io.h"

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

Result<std::vector<fs::path>> write_restoration(const Restoration& restoration,
                                                const fs::path& input,
                                                const OutputSettings& settings) {
  std::vector<fs::path> written;
  auto write = [&](const fs::path& path, const cv::Mat& image) -> Status {
    if (auto st = write_image(path, image, settings.quality); !st) return st;
    written.push_back(path);
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
  if (auto st = write(restored_image_path(input, settings), restoration.image); !st)
    return st.error();
  return written;
}

}  // namespace fr
