// facerestore-cli as a user runs it.
#include <fstream>

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "core/device.h"
#include "core/image_io.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

const std::string kCli = FACERESTORE_CLI_PATH;

std::string quoted(const std::filesystem::path& p) {
  return "'" + p.string() + "'";
}

}  // namespace

TEST(Cli, ListDevicesShowsTheCpuEveryVulkanDeviceAndTheAutoPick) {
  const CommandResult r = run_command(kCli + " --list-devices");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("cpu "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("oneDNN ISA"), std::string::npos) << r.output;
  auto vk = list_vulkan_devices();
  ASSERT_TRUE(vk.ok()) << "no Vulkan device could be listed: " << vk.error().message
                       << " (scripts/setup installs Mesa's lavapipe, mesa-vulkan-drivers)";
  ASSERT_FALSE(vk->empty()) << "the Vulkan loader reports no device; lavapipe should be there";
  for (const auto& d : *vk) {
    EXPECT_NE(r.output.find("vulkan:" + std::to_string(d.index)), std::string::npos) << r.output;
    EXPECT_NE(r.output.find(d.name), std::string::npos) << r.output;
  }
  EXPECT_NE(r.output.find("auto picks: "), std::string::npos) << r.output;
}

TEST(Cli, LavapipeIsListedAndNotPickedAutomatically) {
  const CommandResult r = run_command(kCli + " --list-devices");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("llvmpipe"), std::string::npos)
      << "Mesa's lavapipe (mesa-vulkan-drivers) should be installed by scripts/setup\n"
      << r.output;
  auto vk = list_vulkan_devices();
  ASSERT_TRUE(vk.ok());
  bool hardware_gpu = false;
  for (const auto& d : *vk) hardware_gpu |= d.type != GpuType::software && d.type != GpuType::other;
  EXPECT_NE(r.output.find(hardware_gpu ? "auto picks: vulkan:" : "auto picks: cpu"),
            std::string::npos)
      << r.output;
}

TEST(Cli, BadDeviceIsAClearError) {
  const CommandResult r = run_command(kCli + " --device tpu -i x.jpg");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("valid values: auto, cpu, vulkan"), std::string::npos) << r.output;

  const CommandResult env = run_command("FACERESTORE_DEVICE=cuda " + kCli + " -i x.jpg");
  EXPECT_EQ(env.exit_code, 2) << env.output;
  EXPECT_NE(env.output.find("FACERESTORE_DEVICE"), std::string::npos) << env.output;

  // The flag wins over a bad environment variable.
  const CommandResult flag = run_command("FACERESTORE_DEVICE=cuda " + kCli + " --device cpu -h");
  EXPECT_EQ(flag.exit_code, 0) << flag.output;
}

TEST(Cli, UnknownOptionIsAnError) {
  const CommandResult r = run_command(kCli + " --frobnicate");
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("unknown option '--frobnicate'"), std::string::npos) << r.output;
}

TEST(Cli, UpscalesAPhotoAndReportsBadFiles) {
  const auto photo = require_test_data("images/Blake_Lively.jpg");
  TempDir in, out;
  std::filesystem::copy_file(photo, in.path() / "photo.jpg");
  {
    std::ofstream(in.path() / "notes.txt") << "not an image";
    std::ofstream(in.path() / "broken.jpg") << "garbage";
  }
  const CommandResult r = run_command(kCli + " --device cpu -s 2 -i " + quoted(in.path()) + " -o " +
                                      quoted(out.path()));
  EXPECT_EQ(r.exit_code, 1) << r.output;  // broken.jpg failed
  EXPECT_NE(r.output.find("broken.jpg"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("notes.txt"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 done, 1 skipped, 1 failed"), std::string::npos) << r.output;

  const cv::Mat original = cv::imread(photo.string());
  const cv::Mat result = cv::imread((out.path() / "restored_imgs" / "photo.jpg").string());
  ASSERT_FALSE(result.empty()) << r.output;
  EXPECT_EQ(result.cols, original.cols * 2);
  EXPECT_EQ(result.rows, original.rows * 2);
  EXPECT_FALSE(std::filesystem::exists(out.path() / "restored_imgs" / "broken.jpg"));
}

}  // namespace fr::test
