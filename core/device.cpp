#include "core/device.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/cpu/cpu_backend.h"
#include "core/vulkan/vulkan_backend.h"

namespace fr {
namespace {

const char* kValidDevices =
    "auto, cpu, vulkan, vulkan:N (N as listed by --list-devices), vulkan:UUID or vulkan:NAME "
    "(a part of the device's name)";

std::string lower(std::string s) {
  for (char& ch : s) ch = char(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// 32 hex digits, or the 8-4-4-4-12 form with dashes: the digits, lowercase; else empty.
std::string as_uuid(const std::string& s) {
  std::string digits;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash_place = s.size() == 36 && (i == 8 || i == 13 || i == 18 || i == 23);
    if (dash_place) {
      if (s[i] != '-') return {};
      continue;
    }
    if (!std::isxdigit(static_cast<unsigned char>(s[i]))) return {};
    digits += s[i];
  }
  return digits.size() == 32 ? lower(digits) : std::string();
}

std::string gib(uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GiB", double(bytes) / (1024.0 * 1024.0 * 1024.0));
  return buf;
}

int gpu_rank(GpuType t) {
  switch (t) {
    case GpuType::discrete:
      return 0;
    case GpuType::integrated:
      return 1;
    case GpuType::virtual_gpu:
      return 2;
    case GpuType::other:
      return 3;
    case GpuType::software:
      return 4;
  }
  return 5;
}

// The best device by type; `hardware_only` skips software rasterizers and unknown types.
const VulkanDeviceInfo* best_vulkan(const std::vector<VulkanDeviceInfo>& list, bool hardware_only) {
  const VulkanDeviceInfo* best = nullptr;
  for (const auto& d : list) {
    if (hardware_only && gpu_rank(d.type) > 2) continue;
    if (!best || gpu_rank(d.type) < gpu_rank(best->type)) best = &d;
  }
  return best;
}

}  // namespace

std::string DeviceChoice::str() const {
  switch (mode) {
    case Mode::automatic:
      return "auto";
    case Mode::cpu:
      return "cpu";
    case Mode::vulkan:
      if (!vulkan_uuid.empty()) return "vulkan:" + vulkan_uuid;
      if (!vulkan_name.empty()) return "vulkan:" + vulkan_name;
      return vulkan_index < 0 ? "vulkan" : "vulkan:" + std::to_string(vulkan_index);
  }
  return "auto";
}

bool DeviceChoice::names_one_vulkan_device() const {
  return mode == Mode::vulkan &&
         (vulkan_index >= 0 || !vulkan_uuid.empty() || !vulkan_name.empty());
}

Result<DeviceChoice> parse_device_choice(const std::string& text) {
  const std::string s = lower(trim(text));
  DeviceChoice c;
  if (s == "auto") return c;
  if (s == "cpu") {
    c.mode = DeviceChoice::Mode::cpu;
    return c;
  }
  if (s == "vulkan" || s == "gpu") {
    c.mode = DeviceChoice::Mode::vulkan;
    return c;
  }
  if (s.rfind("vulkan:", 0) == 0) {
    const std::string what = trim(s.substr(7));
    c.mode = DeviceChoice::Mode::vulkan;
    int index = -1;
    const char* last = what.data() + what.size();
    auto [ptr, ec] = std::from_chars(what.data(), last, index);
    if (!what.empty() && ec == std::errc() && ptr == last && index >= 0) {
      c.vulkan_index = index;
      return c;
    }
    if (std::string uuid = as_uuid(what); !uuid.empty()) {
      c.vulkan_uuid = std::move(uuid);
      return c;
    }
    if (!what.empty() && std::isalpha(static_cast<unsigned char>(what[0]))) {
      c.vulkan_name = what;
      return c;
    }
  }
  return Error{"unknown device '" + text + "'; valid values: " + kValidDevices};
}

Result<DeviceChoice> device_choice_from(const std::string& flag, const char* env) {
  if (!flag.empty()) return parse_device_choice(flag);
  if (env && *env) {
    auto c = parse_device_choice(env);
    if (!c) return Error{"FACERESTORE_DEVICE: " + c.error().message};
    return c;
  }
  return DeviceChoice{};
}

DeviceList list_devices() {
  DeviceList d;
  d.cpu = query_cpu_info();
  auto vk = list_vulkan_devices();
  if (vk) {
    d.vulkan = std::move(*vk);
    if (d.vulkan.empty()) d.vulkan_problem = "the Vulkan loader reports no device";
  } else {
    d.vulkan_problem = vk.error().message;
  }
  return d;
}

const DeviceList& system_devices() {
  static const DeviceList devices = list_devices();
  return devices;
}

std::string ResolvedDevice::str() const {
  if (is_cpu) return "cpu";
  std::string s = "vulkan:" + std::to_string(vulkan_index);
  if (!name.empty()) s += " (" + name + ")";
  return s;
}

std::string ResolvedDevice::setting() const {
  if (is_cpu) return "cpu";
  return "vulkan:" + (vulkan_uuid.empty() ? std::to_string(vulkan_index) : vulkan_uuid);
}

namespace {

ResolvedDevice resolved_gpu(const VulkanDeviceInfo& d, std::string reason) {
  ResolvedDevice r;
  r.is_cpu = false;
  r.vulkan_index = d.index;
  r.vulkan_uuid = d.uuid;
  r.name = d.name;
  r.reason = std::move(reason);
  return r;
}

// "vulkan:0 (name), vulkan:1 (name)" for messages.
std::string device_names(const std::vector<const VulkanDeviceInfo*>& list) {
  std::string out;
  for (const VulkanDeviceInfo* d : list) {
    if (!out.empty()) out += ", ";
    out += "vulkan:" + std::to_string(d->index) + " (" + d->name + ")";
  }
  return out;
}

// Why `choice` names no present device: which devices there are.
Error no_such_device(const DeviceChoice& choice, const DeviceList& devices) {
  std::string msg = "device '" + choice.str() + "' does not exist: ";
  if (devices.vulkan.empty()) {
    msg += devices.vulkan_problem.empty() ? "no Vulkan device found" : devices.vulkan_problem;
  } else {
    std::vector<const VulkanDeviceInfo*> all;
    for (const auto& d : devices.vulkan) all.push_back(&d);
    msg += "the Vulkan devices are " + device_names(all) + " (see --list-devices)";
  }
  return Error{msg};
}

}  // namespace

Result<ResolvedDevice> resolve_device(const DeviceChoice& choice, const DeviceList& devices,
                                      AbsentDevice absent) {
  ResolvedDevice r;
  switch (choice.mode) {
    case DeviceChoice::Mode::cpu:
      r.reason = "chosen";
      return r;
    case DeviceChoice::Mode::automatic: {
      const VulkanDeviceInfo* gpu = best_vulkan(devices.vulkan, /*hardware_only=*/true);
      if (gpu)
        return resolved_gpu(
            *gpu, std::string("the best hardware GPU (") + gpu_type_name(gpu->type) + ")");
      r.reason = devices.vulkan.empty()
                     ? "no Vulkan GPU found"
                     : "no hardware GPU found; software rasterizers are never picked "
                       "automatically";
      return r;
    }
    case DeviceChoice::Mode::vulkan:
      break;
  }
  std::vector<const VulkanDeviceInfo*> matches;
  for (const auto& d : devices.vulkan) {
    const bool fits = choice.vulkan_index >= 0      ? d.index == choice.vulkan_index
                      : !choice.vulkan_uuid.empty() ? d.uuid == choice.vulkan_uuid
                      : !choice.vulkan_name.empty()
                          ? lower(d.name).find(choice.vulkan_name) != std::string::npos
                          : true;
    if (fits) matches.push_back(&d);
  }
  if (!choice.names_one_vulkan_device()) {
    const VulkanDeviceInfo* best = best_vulkan(devices.vulkan, /*hardware_only=*/false);
    if (!best) return no_such_device(choice, devices);
    return resolved_gpu(*best, "the best Vulkan device");
  }
  if (matches.size() > 1)
    return Error{"device '" + choice.str() + "' fits several devices: " + device_names(matches) +
                 "; name one by its number or a longer part of its name"};
  if (matches.size() == 1) return resolved_gpu(*matches.front(), "chosen");
  if (!choice.vulkan_uuid.empty() && absent == AbsentDevice::automatic) {
    auto automatic = resolve_device(DeviceChoice{}, devices);
    if (automatic)
      automatic->warning =
          "the saved device (" + choice.str() + ") is not on this computer any more; using " +
          (automatic->is_cpu ? std::string("the CPU") : automatic->name) + " (automatic) instead";
    return automatic;
  }
  return no_such_device(choice, devices);
}

Result<ResolvedDevice> choose_device(const std::string& flag, const char* env,
                                     AbsentDevice absent) {
  auto choice = device_choice_from(flag, env);
  if (!choice) return choice.error();
  // The CPU needs no device list (listing starts the Vulkan loader).
  if (choice->mode == DeviceChoice::Mode::cpu) return resolve_device(*choice, DeviceList{});
  return resolve_device(*choice, system_devices(), absent);
}

std::string migrate_device_setting(const std::string& saved, const DeviceList& devices) {
  auto choice = parse_device_choice(saved);
  if (!choice || choice->vulkan_index < 0) return saved;
  for (const auto& d : devices.vulkan)
    if (d.index == choice->vulkan_index) return resolved_gpu(d, "").setting();
  return "auto";
}

Result<std::unique_ptr<Backend>> create_backend(const ResolvedDevice& device,
                                                const BackendOptions& options) {
  if (device.is_cpu) {
    CpuBackendOptions cpu;
    cpu.threads = options.cpu_threads;
    return std::unique_ptr<Backend>(std::make_unique<CpuBackend>(cpu));
  }
  FR_CHECK(device.vulkan_index >= 0, "create_backend: a Vulkan device without its index");
  VulkanBackendOptions vk;
  vk.device_index = device.vulkan_index;
  vk.fp16_storage = options.vulkan_fp16_storage;
  return create_vulkan_backend(vk);
}

std::string format_device_list(const DeviceList& devices) {
  std::string out = "Compute devices:\n";
  out += "  cpu        " + devices.cpu.name + " — " + std::to_string(devices.cpu.threads) +
         " threads, oneDNN ISA " + devices.cpu.isa + "\n";
  for (const auto& d : devices.vulkan) {
    std::string id = "vulkan:" + std::to_string(d.index);
    id.resize(std::max<size_t>(id.size(), 10), ' ');
    out += "  " + id + " " + d.name + " — " + vendor_name(d.vendor_id) + ", " +
           gpu_type_name(d.type) + ", " + gib(d.device_local_bytes) + " device memory";
    if (d.budget_bytes) out += " (" + gib(d.budget_bytes) + " available now)";
    out += "\n             driver " + d.driver + ", Vulkan " + d.api_version + ", fp16 storage " +
           (d.fp16_storage ? "yes" : "no") + ", fp16 arithmetic " +
           (d.fp16_arithmetic ? "yes" : "no") + ", subgroup size " +
           std::to_string(d.subgroup_size) + "\n";
    if (!d.uuid.empty()) out += "             UUID " + d.uuid + "\n";
  }
  if (devices.vulkan.empty()) out += "  (no Vulkan device: " + devices.vulkan_problem + ")\n";
  auto pick = resolve_device(DeviceChoice{}, devices);
  out += "auto picks: " + pick->str() + " (" + pick->reason + ")\n";
  return out;
}

}  // namespace fr
