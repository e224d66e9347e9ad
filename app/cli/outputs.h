// Where a restoration's files go, in GFPGAN's layout under one output folder:
//   restored_imgs/<stem>[_<suffix>].<ext>      the final photo
//   cropped_faces/<stem>_NN.png                each aligned crop
//   restored_faces/<stem>_NN[_<suffix>].png    each restored face
//   cmp/<stem>_NN.png                          crop beside restored face
// For aligned inputs only restored_faces/<stem>[_<suffix>].png. Every file is written
// atomically (app/restore/image_io.h); existing files are replaced only when asked, and an input
// of the run is never written over.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "app/restore/image_io.h"
#include "app/restore/pipeline.h"
#include "core/error.h"

namespace fr {

struct OutputSettings {
  std::filesystem::path folder = "results";
  std::string ext = "auto";  // auto (the input's format), png, jpg or webp
  std::string suffix;        // empty: none
  int quality = 95;          // JPEG and WebP, 1–100
  bool overwrite = false;    // replace outputs that exist (never an input: InputGuard)
};

// The inputs of a run, so that no output is written over one of them, however its path is
// spelled (relative, through symlinks, another case on case-insensitive systems).
class InputGuard {
 public:
  InputGuard() = default;
  explicit InputGuard(const std::vector<std::filesystem::path>& inputs);
  // True when `target` is one of the inputs.
  bool is_input(const std::filesystem::path& target) const;

 private:
  std::vector<std::filesystem::path> inputs_;  // canonical, sorted
  // Where the system has them: the inputs' (device, inode), sorted, so that another name of
  // an input (a hard link, another case) is found without comparing with every input.
  std::vector<std::pair<uint64_t, uint64_t>> files_;
};

// The final photo's path for `input`.
std::filesystem::path restored_image_path(const std::filesystem::path& input,
                                          const OutputSettings& settings);
// The restored face's path for an aligned input.
std::filesystem::path aligned_face_path(const std::filesystem::path& input,
                                        const OutputSettings& settings);

// Writes the final photo (in the input's format: alpha, depth, grayscale) and every face's
// crop, restored face and comparison. Returns the paths written. At the first file that
// cannot be written (it exists without settings.overwrite, it is an input, the disk is full)
// it stops and removes the files this call created, so an image's outputs are complete or
// absent; files it had replaced stay replaced.
Result<std::vector<std::filesystem::path>> write_restoration(const Restoration& restoration,
                                                             const std::filesystem::path& input,
                                                             const OutputSettings& settings,
                                                             const SourceFormat& format = {},
                                                             const InputGuard& guard = {});

// Writes one output file under the same rules (overwrite, input guard).
Status write_output(const std::filesystem::path& path, const cv::Mat& image,
                    const OutputSettings& settings, const InputGuard& guard = {});

}  // namespace fr
