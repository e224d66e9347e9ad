#include "core/vulkan/vk_common.h"

#include <cstring>
#include <vector>

namespace fr::vk {

const char* result_name(VkResult r) {
  switch (r) {
#define FR_CASE(x) \
  case x:          \
    return #x;
    FR_CASE(VK_SUCCESS)
    FR_CASE(VK_NOT_READY)
    FR_CASE(VK_TIMEOUT)
    FR_CASE(VK_INCOMPLETE)
    FR_CASE(VK_ERROR_OUT_OF_HOST_MEMORY)
    FR_CASE(VK_ERROR_OUT_OF_DEVICE_MEMORY)
    FR_CASE(VK_ERROR_INITIALIZATION_FAILED)
    FR_CASE(VK_ERROR_DEVICE_LOST)
    FR_CASE(VK_ERROR_MEMORY_MAP_FAILED)
    FR_CASE(VK_ERROR_LAYER_NOT_PRESENT)
    FR_CASE(VK_ERROR_EXTENSION_NOT_PRESENT)
    FR_CASE(VK_ERROR_FEATURE_NOT_PRESENT)
    FR_CASE(VK_ERROR_INCOMPATIBLE_DRIVER)
    FR_CASE(VK_ERROR_TOO_MANY_OBJECTS)
    FR_CASE(VK_ERROR_FORMAT_NOT_SUPPORTED)
    FR_CASE(VK_ERROR_FRAGMENTED_POOL)
    FR_CASE(VK_ERROR_OUT_OF_POOL_MEMORY)
    FR_CASE(VK_ERROR_INVALID_SHADER_NV)
    FR_CASE(VK_ERROR_UNKNOWN)
#undef FR_CASE
    default:
      return "VkResult (unknown)";
  }
}

std::string describe_failure(VkResult r, const std::string& device, const std::string& doing) {
  std::string s;
  switch (r) {
    case VK_ERROR_OUT_OF_DEVICE_MEMORY:
    case VK_ERROR_OUT_OF_HOST_MEMORY:
      s = "out of memory on " + device + " while " + doing +
          "; try a smaller tile size, close other programs using the GPU, or use the CPU";
      break;
    case VK_ERROR_DEVICE_LOST:
      s = "the GPU " + device + " stopped responding (device lost) while " + doing +
          "; updating the graphics driver may help, or use the CPU";
      break;
    default:
      s = device + " failed while " + doing;
      break;
  }
  return s + " (" + result_name(r) + ")";
}

Error vk_error(VkResult r, const std::string& device, const std::string& doing) {
  ErrorKind kind = ErrorKind::general;
  if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY)
    kind = ErrorKind::out_of_memory;
  if (r == VK_ERROR_DEVICE_LOST) kind = ErrorKind::device_lost;
  return Error{describe_failure(r, device, doing), kind};
}

bool has_device_extension(VkPhysicalDevice device, const char* name) {
  uint32_t count = 0;
  if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, nullptr) != VK_SUCCESS)
    return false;
  std::vector<VkExtensionProperties> exts(count);
  if (vkEnumerateDeviceExtensionProperties(device, nullptr, &count, exts.data()) != VK_SUCCESS)
    return false;
  for (const auto& e : exts)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

}  // namespace fr::vk
