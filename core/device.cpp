#include "core/device.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/cpu/cpu_backend.h"
#include "core/vulkan/vulkan_backend.h"

namespace fr {
namespace {

const char* kValidDevices = "auto, cpu, vulkan, vulkan:N (N as listed by --list-devices)";

std::string trim_lower(const std::string& s) {
  std::string out;
  for (char ch : s)
    if (!std::isspace(static_cast<unsigned char>(ch)))
      out += char(std::tolower(static_cast<unsigned char>(ch)));
  return out;
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
      return vulkan_index < 0 ? "vulkan" : "vulkan:" + std::to_string(vulkan_index);
  }
  return "auto";
}

Result<DeviceChoice> parse_device_choice(const std::string& text) {
  const std::string s = trim_lower(text);
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
  if (s.rfind("vulkan:", 0) == 0 && s.size() > 7) {
    int index = -1;
    const char* first = s.data() + 7;
    const char* last = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(first, last, index);
    if (ec == std::errc() && ptr == last && index >= 0) {
      c.mode = DeviceChoice::Mode::vulkan;
      c.vulkan_index = index;
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

std::string ResolvedDevice::str() const {
  return is_cpu ? "cpu" : "vulkan:" + std::to_string(vulkan_index);
}

Result<ResolvedDevice> resolve_device(const DeviceChoice& choice, const DeviceList& devices) {
  ResolvedDevice r;
  switch (choice.mode) {
    case DeviceChoice::Mode::cpu:
      r.reason = "chosen";
      return r;
    case DeviceChoice::Mode::automatic: {
      const VulkanDeviceInfo* gpu = best_vulkan(devices.vulkan, /*hardware_only=*/true);
      if (gpu) {
        r.is_cpu = false;
        r.vulkan_index = gpu->index;
        r.reason = std::string("the best hardware GPU (") + gpu_type_name(gpu->type) + ")";
      } else {
        r.reason = devices.vulkan.empty()
                       ? "no Vulkan GPU found"
                       : "no hardware GPU found; software rasterizers are never picked "
                         "automatically";
      }
      return r;
    }
    case DeviceChoice::Mode::vulkan: {
      const VulkanDeviceInfo* dev = nullptr;
      if (choice.vulkan_index < 0) {
        dev = best_vulkan(devices.vulkan, /*hardware_only=*/false);
      } else {
        for (const auto& d : devices.vulkan)
          if (d.index == choice.vulkan_index) dev = &d;
      }
      if (!dev) {
        std::string msg = "device '" + choice.str() + "' does not exist: ";
        if (devices.vulkan.empty())
          msg += devices.vulkan_problem.empty() ? "no Vulkan device found" : devices.vulkan_problem;
        else
          msg += "valid Vulkan devices are vulkan:0 to vulkan:" +
                 std::to_string(devices.vulkan.size() - 1) + " (see --list-devices)";
        return Error{msg};
      }
      r.is_cpu = false;
      r.vulkan_index = dev->index;
      r.reason = "chosen";
      return r;
    }
  }
  return r;
}

Result<std::unique_ptr<Backend>> create_backend(const ResolvedDevice& device,
                                                const BackendOptions& options) {
  if (device.is_cpu) {
    CpuBackendOptions cpu;
    cpu.threads = options.cpu_threads;
    return std::unique_ptr<Backend>(std::make_unique<CpuBackend>(cpu));
  }
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
  }
  if (devices.vulkan.empty()) out += "  (no Vulkan device: " + devices.vulkan_problem + ")\n";
  auto pick = resolve_device(DeviceChoice{}, devices);
  out += "auto picks: " + pick->str() + " (" + pick->reason + ")\n";
  return out;
}

}  // namespace fr
