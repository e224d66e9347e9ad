#include "tests/backend_matrix.h"

#include <cstdlib>
#include <map>

#include <gtest/gtest.h>

#include "core/cpu/cpu_backend.h"
#include "core/vulkan/vulkan_backend.h"
#include "core/vulkan/vulkan_devices.h"

namespace fr::test {
namespace {

// The device the Vulkan cases use, or an error saying why there is none.
Result<int> test_vulkan_device() {
  if (const char* env = std::getenv("FACERESTORE_TEST_VULKAN_DEVICE"); env && *env)
    return std::atoi(env);
  auto devices = list_vulkan_devices();
  if (!devices) return devices.error();
  if (devices->empty()) return Error{"the Vulkan loader reports no device"};
  for (const auto& d : *devices)
    if (d.type == GpuType::discrete || d.type == GpuType::integrated) return d.index;
  return devices->front().index;
}

BackendCase vulkan_case(const char* name, bool fp16, double floor, bool staging = false) {
  return {name,
          [fp16, staging]() -> Result<std::unique_ptr<Backend>> {
            auto index = test_vulkan_device();
            if (!index) return Error{"no Vulkan device: " + index.error().message};
            VulkanBackendOptions o;
            o.device_index = *index;
            o.fp16_storage = fp16;
            o.force_staging = staging;
            return create_vulkan_backend(o);
          },
          floor};
}

class BackendRegistry : public ::testing::Environment {
 public:
  std::map<std::string, std::unique_ptr<Backend>> backends;
  std::map<std::string, std::string> failures;
  void TearDown() override { backends.clear(); }
};

BackendRegistry& registry() {
  static BackendRegistry* r = [] {
    auto* env = new BackendRegistry;  // owned by gtest
    ::testing::AddGlobalTestEnvironment(env);
    return env;
  }();
  return *r;
}

// Registers the environment before the tests start.
[[maybe_unused]] const BackendRegistry& kRegistered = registry();

}  // namespace

std::vector<BackendCase> test_backends() {
  return {
      {"cpu",
       []() -> Result<std::unique_ptr<Backend>> {
         return std::unique_ptr<Backend>(std::make_unique<CpuBackend>());
       },
       0.0},
      vulkan_case("vulkan_fp32", false, 0.0),
      // fp16 keeps 11 significant bits: one rounding is ≤ 2^-11 ≈ 4.9e-4 relative; inputs,
      // weights and outputs are each rounded once.
      vulkan_case("vulkan_fp16", true, 2e-3),
      // The discrete-GPU memory path (device-local buffers, staging copies) on any device.
      vulkan_case("vulkan_staging", false, 0.0, /*staging=*/true),
  };
}

Backend* shared_backend(const BackendCase& c, std::string& why) {
  auto& backends = registry().backends;
  auto& failures = registry().failures;
  if (!backends.count(c.name) && !failures.count(c.name)) {
    auto made = c.make();
    if (made)
      backends[c.name] = std::move(*made);
    else
      failures[c.name] = made.error().message;
  }
  if (auto f = failures.find(c.name); f != failures.end()) {
    why = f->second;
    return nullptr;
  }
  Backend* be = backends[c.name].get();
  be->clear_error();
  return be;
}

bool backends_required() {
  const char* require = std::getenv("FACERESTORE_REQUIRE_VULKAN");
  return require && std::string(require) == "1";
}

}  // namespace fr::test
