// Storage of a CPU tensor: 64-byte aligned float32 values.
#pragma once

#include <cstddef>

#include "core/tensor.h"

namespace fr {

class CpuBuffer final : public TensorBuffer {
 public:
  explicit CpuBuffer(size_t count);  // throws std::bad_alloc
  ~CpuBuffer() override;
  CpuBuffer(const CpuBuffer&) = delete;
  CpuBuffer& operator=(const CpuBuffer&) = delete;

  float* data() const { return data_; }
  size_t count() const { return count_; }

 private:
  float* data_ = nullptr;
  size_t count_ = 0;
};

}  // namespace fr
