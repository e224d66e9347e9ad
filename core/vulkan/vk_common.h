// Internal to core/vulkan: Vulkan headers, RAII ownership of handles, VkResult texts.
// Nothing outside core/vulkan includes this file.
#pragma once

#include <vulkan/vulkan.h>

#include <string>
#include <utility>

#include "core/error.h"

namespace fr::vk {

// Owns one handle created from a VkDevice (or a VkInstance) and destroys it with `destroy`.
template <class Handle, class Parent, void (*Destroy)(Parent, Handle, const VkAllocationCallbacks*)>
class Owned {
 public:
  Owned() = default;
  Owned(Parent parent, Handle h) : parent_(parent), h_(h) {}
  ~Owned() { reset(); }
  Owned(Owned&& o) noexcept : parent_(o.parent_), h_(std::exchange(o.h_, VK_NULL_HANDLE)) {}
  Owned& operator=(Owned&& o) noexcept {
    if (this != &o) {
      reset();
      parent_ = o.parent_;
      h_ = std::exchange(o.h_, VK_NULL_HANDLE);
    }
    return *this;
  }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;

  Handle get() const { return h_; }
  explicit operator bool() const { return h_ != VK_NULL_HANDLE; }
  void reset() {
    if (h_ != VK_NULL_HANDLE) Destroy(parent_, h_, nullptr);
    h_ = VK_NULL_HANDLE;
  }

 private:
  Parent parent_ = VK_NULL_HANDLE;
  Handle h_ = VK_NULL_HANDLE;
};

using OwnedBuffer = Owned<VkBuffer, VkDevice, vkDestroyBuffer>;
using OwnedMemory = Owned<VkDeviceMemory, VkDevice, vkFreeMemory>;
using OwnedShaderModule = Owned<VkShaderModule, VkDevice, vkDestroyShaderModule>;
using OwnedPipeline = Owned<VkPipeline, VkDevice, vkDestroyPipeline>;
using OwnedPipelineLayout = Owned<VkPipelineLayout, VkDevice, vkDestroyPipelineLayout>;
using OwnedPipelineCache = Owned<VkPipelineCache, VkDevice, vkDestroyPipelineCache>;
using OwnedDescriptorSetLayout =
    Owned<VkDescriptorSetLayout, VkDevice, vkDestroyDescriptorSetLayout>;
using OwnedDescriptorPool = Owned<VkDescriptorPool, VkDevice, vkDestroyDescriptorPool>;
using OwnedCommandPool = Owned<VkCommandPool, VkDevice, vkDestroyCommandPool>;
using OwnedFence = Owned<VkFence, VkDevice, vkDestroyFence>;

// "VK_ERROR_OUT_OF_DEVICE_MEMORY" and so on.
const char* result_name(VkResult r);

// A user-facing sentence for a failed call: names the device, what was being done and, for
// the results a user can act on (memory, device lost), what to try.
std::string describe_failure(VkResult r, const std::string& device, const std::string& doing);
// describe_failure as an Error whose kind says out_of_memory or device_lost where it is one.
Error vk_error(VkResult r, const std::string& device, const std::string& doing);

// True when `device` offers the device extension `name`; false also when the list cannot be read.
bool has_device_extension(VkPhysicalDevice device, const char* name);

}  // namespace fr::vk
