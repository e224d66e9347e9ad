// Reader for NumPy .npy files holding little-endian float32 arrays in C order (the format
// of the parity fixtures). Never trusts the header: sizes are checked against the file.
#pragma once

#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/tensor.h"

namespace fr {

struct NpyArray {
  std::vector<int64_t> dims;
  std::vector<float> values;
};

Result<NpyArray> read_npy(const std::filesystem::path& path);

// A 1- to 4-dimensional array as an NCHW tensor (missing leading dims are 1).
Result<HostTensor> read_npy_tensor(const std::filesystem::path& path);

}  // namespace fr
