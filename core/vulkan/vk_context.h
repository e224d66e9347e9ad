// Internal to core/vulkan: one Vulkan instance and logical device with a compute queue.
// Destroys the device and the instance last; everything made from them must go first.
#pragma once

#include <memory>
#include <string>

#include "core/error.h"
#include "core/vulkan/vk_common.h"

namespace fr::vk {

struct ContextOptions {
  int device_index = 0;
  bool want_fp16_storage = false;
  bool force_staging = false;  // see VulkanBackendOptions
};

class Context {
 public:
  static Result<std::unique_ptr<Context>> create(const ContextOptions& options);
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  VkDevice device() const { return device_; }
  VkPhysicalDevice physical() const { return physical_; }
  VkQueue queue() const { return queue_; }
  uint32_t queue_family() const { return queue_family_; }
  const VkPhysicalDeviceProperties& properties() const { return props_; }
  const VkPhysicalDeviceMemoryProperties& memory() const { return memory_; }
  bool fp16_storage() const { return fp16_storage_; }
  // True when device memory is also host memory (integrated GPUs, software rasterizers):
  // tensors are then mapped and filled without staging copies.
  bool unified_memory() const { return unified_memory_; }
  // "vulkan:0 (llvmpipe …)": how errors name this device.
  const std::string& label() const { return label_; }

 private:
  Context() = default;

  VkInstance instance_ = VK_NULL_HANDLE;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkDevice device_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  VkPhysicalDeviceProperties props_{};
  VkPhysicalDeviceMemoryProperties memory_{};
  bool fp16_storage_ = false;
  bool unified_memory_ = false;
  std::string label_;
};

}  // namespace fr::vk
