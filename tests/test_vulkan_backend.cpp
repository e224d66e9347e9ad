// The Vulkan backend as a whole: device selection, its error messages, the pipeline cache.
// The op-by-op checks are in tests/ops (the vulkan_fp32 and vulkan_fp16 cases).
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>

#include "core/device.h"
#include "core/vulkan/vulkan_backend.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

// The first listed Vulkan device; fails the test if there is none (scripts/setup installs
// Mesa's lavapipe).
int first_vulkan_device() {
  auto devices = list_vulkan_devices();
  EXPECT_TRUE(devices.ok() && !devices->empty())
      << "no Vulkan device: " << (devices.ok() ? "none listed" : devices.error().message);
  return devices.ok() && !devices->empty() ? devices->front().index : 0;
}

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  for (const auto& e : std::filesystem::directory_iterator(dir)) out.push_back(e.path());
  return out;
}

}  // namespace

TEST(VulkanBackend, DeviceFlagSelectsTheVulkanDevice) {
  const int index = first_vulkan_device();
  auto choice = parse_device_choice("vulkan:" + std::to_string(index));
  ASSERT_TRUE(choice.ok());
  auto device = resolve_device(*choice, list_devices());
  ASSERT_TRUE(device.ok()) << device.error().message;
  EXPECT_FALSE(device->is_cpu);
  auto backend = create_backend(*device, BackendOptions{});
  ASSERT_TRUE(backend.ok()) << backend.error().message;
  EXPECT_EQ((*backend)->name().rfind("vulkan:" + std::to_string(index) + " (", 0), 0u)
      << (*backend)->name();
}

TEST(VulkanBackend, CliRunsOnTheVulkanDevice) {
  // One aligned face with the small test GFPGAN: a network really runs on the device, with
  // tensors stored as fp32 and, with --fp16, as fp16.
  const auto face = require_test_data("images/cropped_faces/Adele_crop.png");
  const auto model = require_test_data("models/test/gfpgan-clean-n0125.pth");
  for (const bool fp16 : {false, true}) {
    SCOPED_TRACE(fp16 ? "--fp16" : "fp32");
    TempDir out;
    const CommandResult r = run_command(
        std::string(FACERESTORE_CLI_PATH) + " --verbose --aligned --face-model '" + model.string() +
        "' --device vulkan:" + std::to_string(first_vulkan_device()) + (fp16 ? " --fp16" : "") +
        " -i '" + face.string() + "' -o '" + out.path().string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.output;
    EXPECT_NE(r.output.find("device: vulkan:"), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(fp16 ? "fp16 storage true" : "fp16 storage false"), std::string::npos)
        << r.output;
    EXPECT_TRUE(std::filesystem::exists(out.path() / "restored_faces" / "Adele_crop.png"))
        << r.output;
  }
}

TEST(VulkanBackend, AMissingDeviceIsAnErrorNotACrash) {
  VulkanBackendOptions o;
  o.device_index = 99;
  auto backend = create_vulkan_backend(o);
  ASSERT_FALSE(backend.ok());
  EXPECT_NE(backend.error().message.find("vulkan:99"), std::string::npos)
      << backend.error().message;
}

TEST(VulkanBackend, TooLargeATensorIsAnErrorThatNamesTheDevice) {
  VulkanBackendOptions o;
  o.device_index = first_vulkan_device();
  auto backend = create_vulkan_backend(o);
  ASSERT_TRUE(backend.ok()) << backend.error().message;
  EXPECT_TRUE((*backend)->random_normal(1 << 20, 1 << 18, 1).empty());
  const Status st = (*backend)->finish();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("vulkan:"), std::string::npos) << st.error().message;
  EXPECT_NE(st.error().message.find("tile size"), std::string::npos) << st.error().message;
}

// A damaged or foreign pipeline cache file is ignored and then replaced by a valid one.
TEST(VulkanBackend, ADamagedPipelineCacheIsAMiss) {
  TempDir cache;
  ASSERT_EQ(setenv("FACERESTORE_CACHE_DIR", cache.path().c_str(), 1), 0);
  VulkanBackendOptions o;
  o.device_index = first_vulkan_device();
  { ASSERT_TRUE(create_vulkan_backend(o).ok()); }
  auto files = files_in(cache.path());
  ASSERT_EQ(files.size(), 1u) << "the pipeline cache was not written";
  const auto size_before = std::filesystem::file_size(files[0]);
  EXPECT_GE(size_before, 32u);  // at least the Vulkan cache header

  // Empty, text, and a well-formed header of another device (vendor 0x1234) with data.
  const std::string foreign("\x20\0\0\0\x01\0\0\0\x34\x12\0\0\x78\x56\0\0uuid-uuid-uuid-1 data",
                            37);
  for (const std::string& junk : {std::string(), std::string("garbage"), foreign}) {
    std::ofstream(files[0], std::ios::binary | std::ios::trunc)
        .write(junk.data(), std::streamsize(junk.size()));
    auto backend = create_vulkan_backend(o);
    ASSERT_TRUE(backend.ok()) << backend.error().message;
    auto x = (*backend)->upload(HostTensor({1, 1, 2, 2}, {1, 2, 3, 4}));
    auto y = (*backend)->download((*backend)->add(x, x));
    ASSERT_TRUE(y.ok()) << y.error().message;
    EXPECT_EQ(y->data, (std::vector<float>{2, 4, 6, 8}));
  }
  EXPECT_GE(std::filesystem::file_size(files[0]), 32u);
  unsetenv("FACERESTORE_CACHE_DIR");
}

}  // namespace fr::test
