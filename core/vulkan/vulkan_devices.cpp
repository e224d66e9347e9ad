#include "core/vulkan/vulkan_devices.h"

#include <vulkan/vulkan.h>

#include <memory>

namespace fr {
namespace {

struct InstanceDeleter {
  void operator()(VkInstance i) const { vkDestroyInstance(i, nullptr); }
};
using InstanceHandle = std::unique_ptr<std::remove_pointer_t<VkInstance>, InstanceDeleter>;

std::string version_string(uint32_t v) {
  return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) +
         "." + std::to_string(VK_API_VERSION_PATCH(v));
}

GpuType to_gpu_type(VkPhysicalDeviceType t) {
  switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return GpuType::discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return GpuType::integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return GpuType::virtual_gpu;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return GpuType::software;
    default: return GpuType::other;
  }
}

}  // namespace

const char* gpu_type_name(GpuType t) {
  switch (t) {
    case GpuType::discrete: return "discrete GPU";
    case GpuType::integrated: return "integrated GPU";
    case GpuType::virtual_gpu: return "virtual GPU";
    case GpuType::software: return "software (CPU) rasterizer";
    case GpuType::other: return "other";
  }
  return "other";
}

Result<std::vector<VulkanDeviceInfo>> list_vulkan_devices() {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "FaceRestore";
  app.apiVersion = VK_API_VERSION_1_2;
  VkInstanceCreateInfo create{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  create.pApplicationInfo = &app;
  VkInstance raw = VK_NULL_HANDLE;
  const VkResult r = vkCreateInstance(&create, nullptr, &raw);
  if (r == VK_ERROR_INCOMPATIBLE_DRIVER)
    return Error{"no Vulkan driver is installed (install your GPU's driver, or Mesa's "
                 "Vulkan drivers on Linux)"};
  if (r != VK_SUCCESS)
    return Error{"the Vulkan loader could not start (VkResult " + std::to_string(int(r)) + ")"};
  InstanceHandle instance(raw);

  uint32_t count = 0;
  if (vkEnumeratePhysicalDevices(raw, &count, nullptr) != VK_SUCCESS)
    return Error{"the Vulkan loader could not enumerate devices"};
  std::vector<VkPhysicalDevice> devices(count);
  if (count && vkEnumeratePhysicalDevices(raw, &count, devices.data()) != VK_SUCCESS)
    return Error{"the Vulkan loader could not enumerate devices"};

  std::vector<VulkanDeviceInfo> out;
  for (uint32_t i = 0; i < count; ++i) {
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(devices[i], &props);
    VulkanDeviceInfo info;
    info.index = int(i);
    info.name = props.deviceName;
    info.type = to_gpu_type(props.deviceType);
    info.vendor_id = props.vendorID;
    info.api_version = version_string(props.apiVersion);
    if (props.apiVersion >= VK_API_VERSION_1_2) {
      VkPhysicalDeviceDriverProperties driver{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES};
      VkPhysicalDeviceProperties2 props2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
      props2.pNext = &driver;
      vkGetPhysicalDeviceProperties2(devices[i], &props2);
      info.driver = std::string(driver.driverName) + " " + driver.driverInfo;
    } else {
      info.driver = "driver version " + std::to_string(props.driverVersion);
    }
    VkPhysicalDeviceMemoryProperties mem;
    vkGetPhysicalDeviceMemoryProperties(devices[i], &mem);
    for (uint32_t h = 0; h < mem.memoryHeapCount; ++h)
      if (mem.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT)
        info.device_local_bytes += mem.memoryHeaps[h].size;
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace fr
