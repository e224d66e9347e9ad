#include "core/vulkan/vulkan_devices.h"

#include "core/vulkan/vk_common.h"

#include <vulkan/vulkan.h>

#include <cstdio>
#include <cstring>
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
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU:
      return GpuType::discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU:
      return GpuType::integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU:
      return GpuType::virtual_gpu;
    case VK_PHYSICAL_DEVICE_TYPE_CPU:
      return GpuType::software;
    default:
      return GpuType::other;
  }
}

}  // namespace

std::string vendor_name(uint32_t id) {
  switch (id) {
    case 0x1002:
      return "AMD";
    case 0x10DE:
      return "NVIDIA";
    case 0x8086:
      return "Intel";
    case 0x13B5:
      return "Arm";
    case 0x5143:
      return "Qualcomm";
    case 0x1010:
      return "Imagination";
    case 0x106B:
      return "Apple";
    case 0x10005:
      return "Mesa";
    default: {
      char buf[24];
      std::snprintf(buf, sizeof buf, "vendor 0x%04X", id);
      return buf;
    }
  }
}

const char* gpu_type_name(GpuType t) {
  switch (t) {
    case GpuType::discrete:
      return "discrete GPU";
    case GpuType::integrated:
      return "integrated GPU";
    case GpuType::virtual_gpu:
      return "virtual GPU";
    case GpuType::software:
      return "software (CPU) rasterizer";
    case GpuType::other:
      return "other";
  }
  return "other";
}

Result<std::vector<VulkanDeviceInfo>> list_vulkan_devices() {
  VkApplicationInfo app{VK_STRUCTURE_TYPE_APPLICATION_INFO};
  app.pApplicationName = "FaceRestore";
  app.apiVersion = VK_API_VERSION_1_2;  // 1.1 entry points are used below
  VkInstanceCreateInfo create{VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO};
  create.pApplicationInfo = &app;
  VkInstance raw = VK_NULL_HANDLE;
  const VkResult r = vkCreateInstance(&create, nullptr, &raw);
  if (r == VK_ERROR_INCOMPATIBLE_DRIVER)
    return Error{
        "no Vulkan driver is installed (install your GPU's driver, or Mesa's "
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
    bool has_budget = false;
    if (props.apiVersion >= VK_API_VERSION_1_1) {  // the *2 queries below are Vulkan 1.1
      VkPhysicalDeviceIDProperties id{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES};
      VkPhysicalDeviceSubgroupProperties subgroup{
          VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES};
      subgroup.pNext = &id;
      VkPhysicalDeviceProperties2 sp{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2};
      sp.pNext = &subgroup;
      vkGetPhysicalDeviceProperties2(devices[i], &sp);
      info.subgroup_size = subgroup.subgroupSize;
      for (uint8_t byte : id.deviceUUID) {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02x", unsigned(byte));
        info.uuid += hex;
      }

      VkPhysicalDeviceShaderFloat16Int8Features f16{
          VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES};
      VkPhysicalDevice16BitStorageFeatures storage16{
          VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES};
      storage16.pNext = &f16;
      VkPhysicalDeviceFeatures2 features{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2};
      features.pNext = &storage16;
      vkGetPhysicalDeviceFeatures2(devices[i], &features);
      info.fp16_storage = storage16.storageBuffer16BitAccess;
      info.fp16_arithmetic = f16.shaderFloat16;

      has_budget = vk::has_device_extension(devices[i], VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
    }
    VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{
        VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT};
    VkPhysicalDeviceMemoryProperties2 mem2{VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2};
    if (has_budget) {
      mem2.pNext = &budget;
      vkGetPhysicalDeviceMemoryProperties2(devices[i], &mem2);
    } else {
      vkGetPhysicalDeviceMemoryProperties(devices[i], &mem2.memoryProperties);
    }
    const VkPhysicalDeviceMemoryProperties& mem = mem2.memoryProperties;
    for (uint32_t h = 0; h < mem.memoryHeapCount; ++h)
      if (mem.memoryHeaps[h].flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) {
        info.device_local_bytes += mem.memoryHeaps[h].size;
        if (has_budget) info.budget_bytes += budget.heapBudget[h];
      }
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace fr
