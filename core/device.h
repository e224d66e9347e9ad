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

// What the user asked for, as text (--device, FACERESTORE_DEVICE, the settings), any case,
// surrounding spaces ignored:
//   auto           a hardware GPU if there is one, else the CPU
//   cpu            the CPU
//   vulkan, gpu    the best Vulkan device, software rasterizers included
//   vulkan:N       the loader's device N (as --list-devices numbers them)
//   vulkan:UUID    the device whose deviceUUID this is (32 hex digits, dashes allowed): a
//                  device's stable identity, what the settings store
//   vulkan:NAME    the one device whose name contains NAME (any case; NAME starts with a
//                  letter), e.g. vulkan:radeon
struct DeviceChoice {
  enum class Mode { automatic, cpu, vulkan };
  Mode mode = Mode::automatic;
  int vulkan_index = -1;    // ≥ 0: by the loader's index
  std::string vulkan_uuid;  // non-empty: by identity, 32 lowercase hex digits
  std::string vulkan_name;  // non-empty: by a part of the name, lowercase

  // The canonical text of the forms above.
  std::string str() const;
  // True when one Vulkan device is named (by index, identity or name), not "the best".
  bool names_one_vulkan_device() const;
};

// Accepts the forms above. The error lists the valid values.
Result<DeviceChoice> parse_device_choice(const std::string& text);

// The flag wins over the environment variable (FACERESTORE_DEVICE); neither means "auto".
// `flag` and `env` may be empty or null.
Result<DeviceChoice> device_choice_from(const std::string& flag, const char* env);

struct DeviceList {
  CpuInfo cpu;
  std::vector<VulkanDeviceInfo> vulkan;
  std::string vulkan_problem;  // why no Vulkan device could be listed; empty if none
};

// Asks the Vulkan loader now (starting it) and the CPU.
DeviceList list_devices();
// list_devices() once per process, kept for every later call (any thread): the loader is
// started once, however many front ends and sessions ask.
const DeviceList& system_devices();

// A concrete device: the CPU or one Vulkan device, with the reason it was picked.
struct ResolvedDevice {
  bool is_cpu = true;
  int vulkan_index = -1;    // valid in this process only
  std::string vulkan_uuid;  // the device's identity; empty for the CPU or a Vulkan 1.0 driver
  std::string name;         // the device's name, for people; empty for the CPU
  std::string reason;
  // Set when the device asked for was not there and another choice was made instead
  // (AbsentDevice::automatic); say it to the user.
  std::string warning;

  // "cpu" or "vulkan:N (name)", for messages.
  std::string str() const;
  // What a setting stores to name this device again in a later run: "cpu" or "vulkan:UUID"
  // ("vulkan:N" when the driver reports no UUID).
  std::string setting() const;
};

// What resolve_device does when the device a choice names by identity is not present (a GPU
// removed or replaced since the setting was saved).
enum class AbsentDevice {
  error,      // fail, naming the devices there are (a choice the user has just made)
  automatic,  // resolve "auto" instead, with ResolvedDevice::warning (a saved setting)
};

// "auto" picks the first hardware GPU (discrete, then integrated, then virtual), otherwise the
// CPU; a software rasterizer is never picked automatically. Any other choice that cannot be
// honoured is an error, except an absent identity with AbsentDevice::automatic; a name part
// that fits several devices is an error naming them. Never silently another GPU.
Result<ResolvedDevice> resolve_device(const DeviceChoice& choice, const DeviceList& devices,
                                      AbsentDevice absent = AbsentDevice::error);

// The front ends' one way from text to a device: device_choice_from(flag, env), then
// resolve_device against system_devices() (not listed at all for "cpu").
Result<ResolvedDevice> choose_device(const std::string& flag, const char* env,
                                     AbsentDevice absent = AbsentDevice::error);

// A saved setting in the older "vulkan:N" form, rewritten as the identity of the device that
// is N now ("vulkan:UUID"); "auto" when there is no device N. Other values are returned as
// they are.
std::string migrate_device_setting(const std::string& saved, const DeviceList& devices);

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
