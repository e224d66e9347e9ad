#include "tests/ops/op_test_support.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

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

}  // namespace

std::vector<BackendCase> op_test_backends() {
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

HostTensor random_tensor(const Shape& s, std::mt19937& rng, float lo, float hi) {
  std::uniform_real_distribution<float> dist(lo, hi);
  HostTensor t(s);
  for (float& v : t.data) v = dist(rng);
  return t;
}

double normalized_max_error(const HostTensor& got, const HostTensor& ref) {
  double max_diff = 0.0, max_ref = 0.0;
  for (size_t i = 0; i < ref.data.size(); ++i) {
    const double d = std::abs(double(got.data[i]) - double(ref.data[i]));
    max_diff = std::isnan(d) ? INFINITY : std::max(max_diff, d);
    max_ref = std::max(max_ref, std::abs(double(ref.data[i])));
  }
  return max_diff / std::max(max_ref, 1e-6);
}

// The backends of the matrix, one per case and process. gtest tears this environment down
// before the process exits, so every Vulkan object is released while the loader and any layers
// are still loaded (static destructors would run after them).
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

void OpTest::SetUp() {
  auto& backends = registry().backends;
  auto& failures = registry().failures;
  const BackendCase& c = GetParam();
  if (!backends.count(c.name) && !failures.count(c.name)) {
    auto made = c.make();
    if (made)
      backends[c.name] = std::move(*made);
    else
      failures[c.name] = made.error().message;
  }
  if (failures.count(c.name)) {
    const char* require = std::getenv("FACERESTORE_REQUIRE_VULKAN");
    if (require && std::string(require) == "1")
      FAIL() << c.name << " cannot run: " << failures[c.name];
    GTEST_SKIP() << c.name << " cannot run: " << failures[c.name];
  }
  backend_ = backends[c.name].get();
  backend_->clear_error();
}

HostTensor OpTest::down(const Tensor& t) {
  auto r = backend_->download(t);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : HostTensor{};
}

void OpTest::expect_close(const Tensor& got, const HostTensor& ref, double tol) {
  const HostTensor g = down(got);
  ASSERT_EQ(g.shape, ref.shape) << "got " << g.shape.str() << ", want " << ref.shape.str();
  const double err = normalized_max_error(g, ref);
  EXPECT_LE(err, std::max(tol, GetParam().tolerance_floor))
      << "normalized max error " << err << " on " << GetParam().name << " for " << ref.shape.str();
}

INSTANTIATE_TEST_SUITE_P(Backends, OpTest, ::testing::ValuesIn(op_test_backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace fr::test
