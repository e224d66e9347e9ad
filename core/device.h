// Choosing where the networks run: parsing the user's choice (--device, FACERESTORE_DEVICE),
// listing the machine's compute devices, resolving "auto", and creating the backend.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/backend.h"
#include "core/cpu/cpu_info.h"
#include "core/error.h"
#include "core/vulkan/vulkan_devices.h"

namespace fr {

// What the user asked for: "auto", "cpu", "vulkan" (the best Vulkan device) or "vulkan:N".
struct DeviceChoice {
  enum class Mode { automatic, cpu, vulkan };
  Mode mode = Mode::automatic;
  int vulkan_index = -1;  // −1: best Vulkan device

  std::string str() const;
};

// Accepts the forms above, case-insensitive, surrounding spaces ignored. The error lists the
// valid values.
Result<DeviceChoice> parse_device_choice(const std::string& text);

// The flag wins over the environment variable (FACERESTORE_DEVICE); neither means "auto".
// `flag` and `env` may be empty or null.
Result<DeviceChoice> device_choice_from(const std::string& flag, const char* env);

struct DeviceList {
  CpuInfo cpu;
  std::vector<VulkanDeviceInfo> vulkan;
  std::string vulkan_problem;  // why no Vulkan device could be listed; empty if none
};

DeviceList list_devices();

// A concrete device: the CPU or one Vulkan device, with the reason it was picked.
struct ResolvedDevice {
  bool is_cpu = true;
  int vulkan_index = -1;
  std::string reason;

  std::string str() const;
};

// "auto" picks the first hardware GPU (discrete, then integrated, then virtual), otherwise the
// CPU; a software rasterizer is never picked automatically. An explicit choice that cannot be
// honoured is an error.
Result<ResolvedDevice> resolve_device(const DeviceChoice& choice, const DeviceList& devices);

struct BackendOptions {
  int cpu_threads = 0;  // 0: all hardware threads
  // Store tensors as fp16 on a GPU with 16-bit storage (others keep fp32); accumulation stays
  // fp32.
  bool vulkan_fp16_storage = false;
};

Result<std::unique_ptr<Backend>> create_backend(const ResolvedDevice& device,
                                                const BackendOptions& options);

// The text of `facerestore-cli --list-devices`.
std::string format_device_list(const DeviceList& devices);

}  // namespace fr
