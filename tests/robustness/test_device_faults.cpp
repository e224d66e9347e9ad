// Device failures made on purpose (FACERESTORE_FAULTS, core/fault_injection.h) on the Vulkan
// device (lavapipe here): out of memory halves the tile and then moves to the CPU, a lost
// device is recreated once and then left for the CPU; and the CPU short of memory. Each
// recovered result is compared with the run it must equal.
#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>

#include "core/device.h"
#include "tests/robustness/robustness_support.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

namespace fs = std::filesystem;
const std::string kCli = FACERESTORE_CLI_PATH;

class DeviceFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    auto vk = list_vulkan_devices();
    ASSERT_TRUE(vk.ok() && !vk->empty())
        << "no Vulkan device (scripts/setup installs Mesa's lavapipe, mesa-vulkan-drivers)";
    // A 96×64 part of a real photo: two 64-pixel tiles (or six of 32) of the ×2 RRDBNet.
    const cv::Mat photo = cv::imread(require_test_data("images/Blake_Lively.jpg").string());
    ASSERT_FALSE(photo.empty());
    photo(cv::Rect(100, 60, 96, 64)).copyTo(crop_);
    ASSERT_TRUE(cv::imwrite((in_.path() / "crop.png").string(), crop_));
    model_ = require_test_data("models/test/rrdbnet-x2-f32-b1.pth");
  }

  struct Run {
    CommandResult command;
    cv::Mat image;
  };

  // The CLI on `device` with the background network only, under `faults` (may be empty).
  Run restore(const std::string& device, int tile, const std::string& faults = "") {
    const fs::path out = out_.path() / std::to_string(runs_++);
    const std::string env = faults.empty() ? "" : "FACERESTORE_FAULTS=" + faults + " ";
    Run run;
    run.command =
        run_command(env + kCli + " --device " + device + " --no-face --bg-model '" +
                    model_.string() + "' -s 2 --bg-tile " + std::to_string(tile) + " -i '" +
                    (in_.path() / "crop.png").string() + "' -o '" + out.string() + "' 2>&1");
    run.image = cv::imread((out / "restored_imgs" / "crop.png").string());
    return run;
  }

  static double max_difference(const cv::Mat& a, const cv::Mat& b) {
    if (a.empty() || a.size() != b.size()) return 1e9;
    return cv::norm(a, b, cv::NORM_INF);
  }

  // `faulty` succeeded and its log says each of `steps`.
  static void expect_recovered(const Run& faulty, std::initializer_list<const char*> steps) {
    ASSERT_EQ(faulty.command.exit_code, 0) << faulty.command.output;
    for (const char* step : steps)
      EXPECT_NE(faulty.command.output.find(step), std::string::npos) << "missing: " << step << "\n"
                                                                     << faulty.command.output;
  }

  // A run on `device` without faults gives exactly `faulty`'s image.
  void expect_same_image_as_run(const Run& faulty, const std::string& device, int tile) {
    const Run reference = restore(device, tile);
    ASSERT_EQ(reference.command.exit_code, 0) << reference.command.output;
    EXPECT_EQ(max_difference(faulty.image, reference.image), 0.0) << "against " << device;
  }

  TempDir in_, out_;
  cv::Mat crop_;
  fs::path model_;
  int runs_ = 0;
};

}  // namespace

// Out of memory: the 64-pixel tiles do not fit, the 32-pixel ones do.
TEST_F(DeviceFaults, OutOfMemoryHalvesTheTileAndTheResultIsThatOfTheSmallerTile) {
  const Run faulty = restore("vulkan", 64, "vulkan_alloc_over=1500000");
  expect_recovered(faulty, {"with 64-pixel tiles; trying again with 32-pixel tiles"});
  EXPECT_EQ(faulty.command.output.find("continuing on the CPU"), std::string::npos)
      << faulty.command.output;
  expect_same_image_as_run(faulty, "vulkan", 32);
  const Run cpu32 = restore("cpu", 32);
  ASSERT_EQ(cpu32.command.exit_code, 0) << cpu32.command.output;
  EXPECT_LE(max_difference(faulty.image, cpu32.image), 1.0) << "lavapipe against the CPU";
}

// Out of memory at every tile down to the smallest: the CPU takes over from the chosen tile.
TEST_F(DeviceFaults, OutOfMemoryAtTheSmallestTileMovesToTheCpuWithTheCpuResult) {
  const Run faulty = restore("vulkan", 64, "vulkan_alloc_over=150000");
  expect_recovered(
      faulty, {"with 64-pixel tiles; trying again with 32-pixel tiles", "continuing on the CPU"});
  expect_same_image_as_run(faulty, "cpu", 64);
}

// One lost device: a new one is made and the image runs again; the result is unchanged.
TEST_F(DeviceFaults, ALostDeviceIsRecreatedOnceWithTheSameResult) {
  const Run faulty = restore("vulkan", 64, "vulkan_lost_at_submit=2");
  expect_recovered(faulty, {"device lost", "the GPU was set up again"});
  expect_same_image_as_run(faulty, "vulkan", 64);
}

// A device that is lost again after being recreated: the CPU takes over.
TEST_F(DeviceFaults, ADeviceLostTwiceMovesToTheCpuWithTheCpuResult) {
  const Run faulty = restore("vulkan", 64, "vulkan_lost_from_submit=2");
  expect_recovered(faulty, {"the GPU was set up again", "continuing on the CPU"});
  expect_same_image_as_run(faulty, "cpu", 64);
}

// The CPU short of memory in the middle of a network: the allocation's std::bad_alloc becomes
// the backend's out-of-memory error, so the background halves its tile as on a GPU.
TEST_F(DeviceFaults, CpuOutOfMemoryHalvesTheTileAndTheResultIsThatOfTheSmallerTile) {
  const Run faulty = restore("cpu", 64, "cpu_alloc_over=2000000");
  expect_recovered(faulty, {"out of memory on cpu with 64-pixel tiles; trying again with "
                            "32-pixel tiles"});
  EXPECT_EQ(faulty.command.output.find("internal error"), std::string::npos)
      << faulty.command.output;
  expect_same_image_as_run(faulty, "cpu", 64 / 2);
}

// Out of memory on the CPU at every tile: the photo fails with "out of memory", never as an
// internal error, and the CLI says so.
TEST_F(DeviceFaults, CpuOutOfMemoryAtTheSmallestTileIsReportedAsOutOfMemory) {
  const Run faulty = restore("cpu", 64, "cpu_alloc_over=100000");
  EXPECT_NE(faulty.command.exit_code, 0) << faulty.command.output;
  EXPECT_NE(faulty.command.output.find("out of memory"), std::string::npos)
      << faulty.command.output;
  EXPECT_EQ(faulty.command.output.find("internal error"), std::string::npos)
      << faulty.command.output;
  EXPECT_TRUE(faulty.image.empty());
}

TEST_F(DeviceFaults, AMalformedFaultListIsReportedAndIgnored) {
  const Run run = restore("vulkan", 64, "vulkan_alloc_over=lots");
  ASSERT_EQ(run.command.exit_code, 0) << run.command.output;
  EXPECT_NE(run.command.output.find("not a valid fault list"), std::string::npos)
      << run.command.output;
}

}  // namespace fr::test
