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
  // Bytes of device-local memory the process could still allocate now: the driver's budget
  // less its usage (VK_EXT_memory_budget) where the device has the extension, else
  // `fraction_without_budget` of the device-local heaps less `held` (what this process
  // already holds there).
  uint64_t free_device_memory(uint64_t held, double fraction_without_budget) const;
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
  bool memory_budget_ = false;  // VK_EXT_memory_budget is enabled
  std::string label_;
};

}  // namespace fr::vk
