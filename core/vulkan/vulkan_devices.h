// What the Vulkan loader reports about this machine's GPUs, for device listings and the
// automatic choice. No Vulkan types leak out of this header.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.h"

namespace fr {

enum class GpuType { discrete, integrated, virtual_gpu, software, other };

struct VulkanDeviceInfo {
  int index = 0;  // position in the loader's enumeration: the N of "vulkan:N"
  // The device's deviceUUID as 32 lowercase hex digits: stable across runs and across changes
  // to the loader's order (what the settings store); empty where the driver is Vulkan 1.0.
  std::string uuid;
  std::string name;
  GpuType type = GpuType::other;
  uint32_t vendor_id = 0;
  uint64_t device_local_bytes = 0;  // sum of the device-local heaps
  uint64_t budget_bytes =
      0;  // what the driver says we may use now (VK_EXT_memory_budget); 0: unknown
  bool fp16_storage = false;     // 16-bit storage buffers (our fp16 storage mode)
  bool fp16_arithmetic = false;  // shaderFloat16
  uint32_t subgroup_size = 0;
  std::string driver;       // driver name and version as the driver states them
  std::string api_version;  // e.g. "1.3.230"
};

const char* gpu_type_name(GpuType t);
// "AMD", "NVIDIA", "Intel", … from the PCI vendor id, else "vendor 0x…".
std::string vendor_name(uint32_t vendor_id);

// Every physical device, or an error saying why none could be listed (no loader, no driver).
Result<std::vector<VulkanDeviceInfo>> list_vulkan_devices();

}  // namespace fr
