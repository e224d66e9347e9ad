// Where a restoration's files go, in GFPGAN's layout under one output folder:
//   restored_imgs/<stem>[_<suffix>].<ext>      the final photo
//   cropped_faces/<stem>_NN.png                each aligned crop
//   restored_faces/<stem>_NN[_<suffix>].png    each restored face
//   cmp/<stem>_NN.png                          crop beside restored face
// For aligned inputs only restored_faces/<stem>[_<suffix>].png. Every file is written
// atomically (core/image_io.h).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/pipeline/pipeline.h"

namespace fr {

struct OutputSettings {
  std::filesystem::path folder = "results";
  std::string ext = "auto";  // auto (the input's format), png, jpg or webp
  std::string suffix;        // empty: none
  int quality = 95;          // JPEG and WebP, 1–100
};

// The final photo's path for `input`.
std::filesystem::path restored_image_path(const std::filesystem::path& input,
                                          const OutputSettings& settings);
// The restored face's path for an aligned input.
std::filesystem::path aligned_face_path(const std::filesystem::path& input,
                                        const OutputSettings& settings);

// Writes the final photo and every face's crop, restored face and comparison. Returns the
// paths written; stops at the first file that cannot be written.
Result<std::vector<std::filesystem::path>> write_restoration(const Restoration& restoration,
                                                             const std::filesystem::path& input,
                                                             const OutputSettings& settings);

}  // namespace fr
