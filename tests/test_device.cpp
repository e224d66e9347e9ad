#include <gtest/gtest.h>

#include "core/device.h"

namespace fr {
namespace {

VulkanDeviceInfo device(int index, GpuType type, const std::string& name,
                        const std::string& uuid = "") {
  VulkanDeviceInfo d;
  d.index = index;
  d.type = type;
  d.name = name;
  d.uuid = uuid;
  return d;
}

const std::string kRadeonUuid = "00112233445566778899aabbccddeeff";
const std::string kIntelUuid = "0123456789abcdef0123456789abcdef";

// Two GPUs and a software rasterizer, in the loader's order.
DeviceList three_devices() {
  DeviceList list;
  list.vulkan = {device(0, GpuType::integrated, "Intel(R) UHD Graphics 770", kIntelUuid),
                 device(1, GpuType::discrete, "AMD Radeon RX 6600", kRadeonUuid),
                 device(2, GpuType::software, "llvmpipe (LLVM 15.0.6, 256 bits)",
                        "6c6c766d706970650000000000000000")};
  return list;
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

TEST(DeviceChoice, ParsesIdentityAndNameForms) {
  auto uuid = parse_device_choice("vulkan:00112233-4455-6677-8899-AABBCCDDEEFF");
  ASSERT_TRUE(uuid.ok());
  EXPECT_EQ(uuid->vulkan_uuid, kRadeonUuid);
  EXPECT_EQ(uuid->str(), "vulkan:" + kRadeonUuid);
  EXPECT_TRUE(uuid->names_one_vulkan_device());
  auto name = parse_device_choice(" Vulkan:Radeon RX ");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->vulkan_name, "radeon rx");
  EXPECT_EQ(name->str(), "vulkan:radeon rx");
  EXPECT_FALSE(parse_device_choice("vulkan")->names_one_vulkan_device());
}

TEST(DeviceChoice, BadValuesListTheValidOnes) {
  for (const char* bad :
       {"", "cuda", "vulkan:", "vulkan:-1", "vulkan:1x", "vulkan: ", "vulkan:99999999999"}) {
    auto r = parse_device_choice(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("auto, cpu, vulkan, vulkan:N"), std::string::npos)
        << r.error().message;
    EXPECT_NE(r.error().message.find("vulkan:UUID or vulkan:NAME"), std::string::npos)
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
  EXPECT_NE(r.error().message.find("the Vulkan devices are vulkan:0 (llvmpipe)"), std::string::npos)
      << r.error().message;

  DeviceList none;
  none.vulkan_problem = "no Vulkan driver is installed";
  c.vulkan_index = -1;
  auto r2 = resolve_device(c, none);
  ASSERT_FALSE(r2.ok());
  EXPECT_NE(r2.error().message.find("no Vulkan driver"), std::string::npos) << r2.error().message;
}

TEST(ResolveDevice, ByIndexIdentityOrNamePartFindsTheSameDevice) {
  const DeviceList list = three_devices();
  for (const char* text :
       {"vulkan:1", "vulkan:00112233445566778899AABBCCDDEEFF", "vulkan:radeon", "VULKAN:rx 66"}) {
    auto r = resolve_device(*parse_device_choice(text), list);
    ASSERT_TRUE(r.ok()) << text << ": " << r.error().message;
    EXPECT_FALSE(r->is_cpu) << text;
    EXPECT_EQ(r->vulkan_index, 1) << text;
    EXPECT_EQ(r->name, "AMD Radeon RX 6600") << text;
    EXPECT_EQ(r->setting(), "vulkan:" + kRadeonUuid) << text;
    EXPECT_EQ(r->str(), "vulkan:1 (AMD Radeon RX 6600)") << text;
    EXPECT_TRUE(r->warning.empty()) << text;
  }
}

TEST(ResolveDevice, ANamePartFittingSeveralDevicesIsAnError) {
  auto r = resolve_device(*parse_device_choice("vulkan:r"), three_devices());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("fits several devices: vulkan:0 (Intel(R) UHD Graphics 770), "
                                   "vulkan:1 (AMD Radeon RX 6600);"),
            std::string::npos)
      << r.error().message;
  auto none = resolve_device(*parse_device_choice("vulkan:geforce"), three_devices());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("'vulkan:geforce' does not exist"), std::string::npos)
      << none.error().message;
}

TEST(ResolveDevice, AMissingSavedDeviceFallsBackToAutomaticWithAWarning) {
  DeviceList list = three_devices();
  list.vulkan.erase(list.vulkan.begin() + 1);  // the Radeon was taken out
  list.vulkan[1].index = 1;
  const DeviceChoice saved = *parse_device_choice("vulkan:" + kRadeonUuid);

  // Named on the command line: an error naming the devices there are, never another GPU.
  auto explicit_choice = resolve_device(saved, list, AbsentDevice::error);
  ASSERT_FALSE(explicit_choice.ok());
  EXPECT_NE(explicit_choice.error().message.find("vulkan:0 (Intel(R) UHD Graphics 770)"),
            std::string::npos)
      << explicit_choice.error().message;

  // From the settings: the automatic choice (the integrated GPU now), said in a warning.
  auto fallback = resolve_device(saved, list, AbsentDevice::automatic);
  ASSERT_TRUE(fallback.ok()) << fallback.error().message;
  EXPECT_EQ(fallback->vulkan_uuid, kIntelUuid);
  EXPECT_NE(fallback->warning.find("is not on this computer any more"), std::string::npos)
      << fallback->warning;
  EXPECT_NE(fallback->warning.find("Intel(R) UHD Graphics 770 (automatic)"), std::string::npos)
      << fallback->warning;

  // With no GPU left the automatic choice is the CPU, said the same way.
  auto cpu = resolve_device(saved, DeviceList{}, AbsentDevice::automatic);
  ASSERT_TRUE(cpu.ok());
  EXPECT_TRUE(cpu->is_cpu);
  EXPECT_NE(cpu->warning.find("using the CPU (automatic)"), std::string::npos) << cpu->warning;

  // An index or a name part is never replaced: only a saved identity falls back.
  EXPECT_FALSE(resolve_device(*parse_device_choice("vulkan:5"), list, AbsentDevice::automatic));
  EXPECT_FALSE(
      resolve_device(*parse_device_choice("vulkan:radeon"), list, AbsentDevice::automatic));
}

TEST(ResolveDevice, OldIndexSettingsBecomeTheDevicesIdentity) {
  const DeviceList list = three_devices();
  EXPECT_EQ(migrate_device_setting("vulkan:1", list), "vulkan:" + kRadeonUuid);
  EXPECT_EQ(migrate_device_setting("vulkan:0", list), "vulkan:" + kIntelUuid);
  // Device 7 is gone: automatic, not another GPU.
  EXPECT_EQ(migrate_device_setting("vulkan:7", list), "auto");
  for (const std::string& kept : {std::string("auto"), std::string("cpu"), "vulkan:" + kRadeonUuid})
    EXPECT_EQ(migrate_device_setting(kept, list), kept);
  // A driver without a UUID keeps the index.
  DeviceList old_driver;
  old_driver.vulkan = {device(0, GpuType::discrete, "Old GPU")};
  EXPECT_EQ(migrate_device_setting("vulkan:0", old_driver), "vulkan:0");
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
  list.vulkan[0].uuid = kRadeonUuid;
  const std::string text = format_device_list(list);
  EXPECT_NE(text.find("Test CPU — 4 threads, oneDNN ISA AVX2"), std::string::npos) << text;
  EXPECT_NE(text.find("vulkan:0"), std::string::npos) << text;
  EXPECT_NE(text.find("llvmpipe"), std::string::npos) << text;
  EXPECT_NE(text.find("2.0 GiB"), std::string::npos) << text;
  EXPECT_NE(text.find("UUID " + kRadeonUuid), std::string::npos) << text;
  EXPECT_NE(text.find("auto picks: cpu"), std::string::npos) << text;
}

}  // namespace fr
