#include <gtest/gtest.h>

#include "core/device.h"

namespace fr {
namespace {

VulkanDeviceInfo device(int index, GpuType type, const std::string& name) {
  VulkanDeviceInfo d;
  d.index = index;
  d.type = type;
  d.name = name;
  return d;
}

}  // namespace

TEST(DeviceChoice, ParsesEveryForm) {
  EXPECT_EQ(parse_device_choice("auto")->mode, DeviceChoice::Mode::automatic);
  EXPECT_EQ(parse_device_choice(" CPU ")->mode, DeviceChoice::Mode::cpu);
  auto v = parse_device_choice("vulkan");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->mode, DeviceChoice::Mode::vulkan);
  EXPECT_EQ(v->vulkan_index, -1);
  auto v1 = parse_device_choice("Vulkan:1");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->vulkan_index, 1);
  EXPECT_EQ(v1->str(), "vulkan:1");
}

TEST(DeviceChoice, BadValuesListTheValidOnes) {
  for (const char* bad : {"", "cuda", "vulkan:", "vulkan:-1", "vulkan:1x", "vulkan:a"}) {
    auto r = parse_device_choice(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("auto, cpu, vulkan, vulkan:N"), std::string::npos)
        << r.error().message;
  }
}

TEST(DeviceChoice, FlagWinsOverEnvironment) {
  EXPECT_EQ(device_choice_from("cpu", "vulkan:0")->mode, DeviceChoice::Mode::cpu);
  EXPECT_EQ(device_choice_from("", "cpu")->mode, DeviceChoice::Mode::cpu);
  EXPECT_EQ(device_choice_from("", nullptr)->mode, DeviceChoice::Mode::automatic);
  auto bad_env = device_choice_from("", "tpu");
  ASSERT_FALSE(bad_env.ok());
  EXPECT_NE(bad_env.error().message.find("FACERESTORE_DEVICE"), std::string::npos);
  // A good flag hides a bad environment variable.
  EXPECT_TRUE(device_choice_from("cpu", "tpu").ok());
}

TEST(ResolveDevice, AutoNeverPicksASoftwareRasterizer) {
  DeviceList list;
  list.vulkan = {device(0, GpuType::software, "llvmpipe")};
  auto r = resolve_device(DeviceChoice{}, list);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->is_cpu);
  EXPECT_NE(r->reason.find("software"), std::string::npos) << r->reason;
}

TEST(ResolveDevice, AutoPrefersDiscreteOverIntegrated) {
  DeviceList list;
  list.vulkan = {device(0, GpuType::software, "llvmpipe"), device(1, GpuType::integrated, "iGPU"),
                 device(2, GpuType::discrete, "dGPU")};
  auto r = resolve_device(DeviceChoice{}, list);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->is_cpu);
  EXPECT_EQ(r->vulkan_index, 2);
}

TEST(ResolveDevice, MissingVulkanIndexIsAnError) {
  DeviceList list;
  list.vulkan = {device(0, GpuType::software, "llvmpipe")};
  DeviceChoice c;
  c.mode = DeviceChoice::Mode::vulkan;
  c.vulkan_index = 3;
  auto r = resolve_device(c, list);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("vulkan:0 to vulkan:0"), std::string::npos) << r.error().message;

  DeviceList none;
  none.vulkan_problem = "no Vulkan driver is installed";
  c.vulkan_index = -1;
  auto r2 = resolve_device(c, none);
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().message.find("no Vulkan driver"), std::string::npos) << r2.error().message;
}

TEST(ResolveDevice, CpuIsAlwaysAvailable) {
  DeviceChoice c;
  c.mode = DeviceChoice::Mode::cpu;
  auto r = resolve_device(c, DeviceList{});
  ASSERT_TRUE(r.ok());
  auto backend = create_backend(*r, BackendOptions{});
  ASSERT_TRUE(backend.ok());
  EXPECT_EQ((*backend)->name(), "cpu");
}

TEST(DeviceList, FormatNamesEveryDeviceAndTheAutoPick) {
  DeviceList list;
  list.cpu = {"Test CPU", 4, "AVX2"};
  list.vulkan = {device(0, GpuType::software, "llvmpipe (LLVM 15.0.6, 256 bits)")};
  list.vulkan[0].device_local_bytes = 2ull << 30;
  const std::string text = format_device_list(list);
  EXPECT_NE(text.find("Test CPU — 4 threads, oneDNN ISA AVX2"), std::string::npos) << text;
  EXPECT_NE(text.find("vulkan:0"), std::string::npos) << text;
  EXPECT_NE(text.find("llvmpipe"), std::string::npos) << text;
  EXPECT_NE(text.find("2.0 GiB"), std::string::npos) << text;
  EXPECT_NE(text.find("auto picks: cpu"), std::string::npos) << text;
}

}  // namespace fr
