// The Vulkan compute backend: every op as a compute shader of kernels/, on any GPU with
// Vulkan 1.1. No Vulkan types leak out of this header.
#pragma once

#include <memory>

#include "core/backend.h"

namespace fr {

struct VulkanBackendOptions {
  int device_index = 0;       // the N of vulkan:N
  bool fp16_storage = false;  // tensors stored as fp16, arithmetic in fp32
  // Treat the device as a discrete GPU even if its memory is the host's: tensors live in
  // unmapped device memory and every transfer goes through staging copies (tests use this to
  // run the discrete-GPU path on any machine).
  bool force_staging = false;
};

// Opens the device and builds every kernel's pipeline; an error names the device and says
// what failed.
Result<std::unique_ptr<Backend>> create_vulkan_backend(const VulkanBackendOptions& options);

}  // namespace fr
