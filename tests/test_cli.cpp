// facerestore-cli as a user runs it.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <opencv2/imgcodecs.hpp>

#include "app/restore/image_io.h"
#include "core/device.h"
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

namespace {

// A models folder holding the test models under the catalog's file names, so that catalog
// names (-v 1.4, --det-model retinaface_mobile0.25) resolve to them.
void link_test_models(const std::filesystem::path& dir) {
  std::filesystem::create_symlink(require_test_data("models/test/gfpgan-clean-n0125.pth"),
                                  dir / "GFPGANv1.4.pth");
  std::filesystem::create_symlink(require_test_data("models/retinaface-mobilenet0.25.pth"),
                                  dir / "detection_mobilenet0.25_Final.pth");
}

std::string restore_command(const std::filesystem::path& models, const std::filesystem::path& in,
                            const std::filesystem::path& out) {
  // The test models stand in for the published files: their checksums differ on purpose.
  return kCli + " --device cpu -v 1.4 --det-model retinaface_mobile0.25 --allow-modified-models" +
         " --models-dir " + quoted(models) + " -s 2 -i " + quoted(in) + " -o " + quoted(out);
}

// A 96×64 gradient: an image without any face.
void write_faceless_image(const std::filesystem::path& path) {
  cv::Mat image(64, 96, CV_8UC3);
  for (int y = 0; y < image.rows; ++y)
    for (int x = 0; x < image.cols; ++x) image.at<cv::Vec3b>(y, x) = cv::Vec3b(x * 2, y * 3, 128);
  ASSERT_TRUE(cv::imwrite(path.string(), image));
}

}  // namespace

TEST(Cli, BatchWritesTheGoodImagesAndReportsTheOthersByName) {
  TempDir models, in, out;
  link_test_models(models.path());
  std::filesystem::copy_file(require_test_data("images/Blake_Lively.jpg"), in.path() / "photo.jpg");
  write_faceless_image(in.path() / "gradient.png");
  std::ofstream(in.path() / "notes.txt") << "not an image";
  // A JPEG signature followed by garbage: named and started like a JPEG, not decodable.
  std::ofstream(in.path() / "broken.jpg", std::ios::binary)
      << "\xFF\xD8\xFF\xE0garbage, not JPEG data";

  const CommandResult r = run_command(restore_command(models.path(), in.path(), out.path()));
  EXPECT_EQ(r.exit_code, 1) << r.output;  // broken.jpg failed
  EXPECT_NE(r.output.find("broken.jpg"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("skipped " + (in.path() / "notes.txt").string()), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("2 done, 1 skipped, 1 failed"), std::string::npos) << r.output;

  // The photo: upscaled ×2 with its two faces; the faceless image: upscaled, no faces.
  const cv::Mat original = cv::imread((in.path() / "photo.jpg").string());
  const cv::Mat result = cv::imread((out.path() / "restored_imgs" / "photo.jpg").string());
  ASSERT_FALSE(result.empty()) << r.output;
  EXPECT_EQ(result.cols, original.cols * 2);
  EXPECT_EQ(result.rows, original.rows * 2);
  for (const char* name :
       {"cropped_faces/photo_00.png", "cropped_faces/photo_01.png", "restored_faces/photo_00.png",
        "restored_faces/photo_01.png", "cmp/photo_00.png", "cmp/photo_01.png"})
    EXPECT_TRUE(std::filesystem::exists(out.path() / name)) << name << "\n" << r.output;
  EXPECT_FALSE(std::filesystem::exists(out.path() / "cropped_faces/photo_02.png"));
  const cv::Mat gradient = cv::imread((out.path() / "restored_imgs" / "gradient.png").string());
  EXPECT_EQ(gradient.size(), cv::Size(192, 128));
  EXPECT_FALSE(std::filesystem::exists(out.path() / "cropped_faces/gradient_00.png"));
  EXPECT_FALSE(std::filesystem::exists(out.path() / "restored_imgs" / "broken.jpg"));
  EXPECT_FALSE(std::filesystem::exists(out.path() / "restored_imgs" / "notes.txt"));
}

TEST(Cli, TheSecondOfTwoInputsWithOneResultNameIsSkipped) {
  // a.jpg and a.png both become restored_imgs/a.png with --ext png. a.jpg's outputs are
  // written while a.png is looked at: they must be on disk by then.
  TempDir models, in, out;
  link_test_models(models.path());
  write_faceless_image(in.path() / "a.jpg");
  write_faceless_image(in.path() / "a.png");
  const CommandResult r =
      run_command(restore_command(models.path(), in.path(), out.path()) + " --ext png");
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("skipped " + (in.path() / "a.png").string() + ": its result"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("1 done, 1 skipped, 0 failed"), std::string::npos) << r.output;
  EXPECT_TRUE(std::filesystem::exists(out.path() / "restored_imgs" / "a.png")) << r.output;
}

TEST(Cli, JsonModePrintsOneObjectPerEvent) {
  TempDir models, out;
  link_test_models(models.path());
  const auto photo = require_test_data("images/Blake_Lively.jpg");
  // stderr is dropped: stdout alone must be JSON lines.
  const CommandResult r = run_command("( " + restore_command(models.path(), photo, out.path()) +
                                      " --json --suffix v2 --ext webp 2>/dev/null )");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  std::istringstream lines(r.output);
  std::string line;
  std::vector<nlohmann::json> events;
  while (std::getline(lines, line)) {
    auto event = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(event.is_discarded()) << "not JSON: " << line;
    events.push_back(event);
  }
  ASSERT_FALSE(events.empty());
  std::vector<std::string> restores;
  for (const auto& e : events)
    if (e["event"] == "progress" && e["stage"] == "restore")
      restores.push_back(std::to_string(e["index"].get<int>()) + "/" +
                         std::to_string(e["count"].get<int>()));
  EXPECT_EQ(restores, (std::vector<std::string>{"1/2", "2/2"}));
  const nlohmann::json& done = events[events.size() - 2];
  EXPECT_EQ(done["event"], "done");
  EXPECT_EQ(done["faces"], 2);
  const nlohmann::json& summary = events.back();
  EXPECT_EQ(summary["event"], "summary");
  EXPECT_EQ(summary["done"], 1);
  EXPECT_EQ(summary["failed"], 0);
  // --suffix and --ext as GFPGAN names them.
  EXPECT_TRUE(std::filesystem::exists(out.path() / "restored_imgs" / "Blake_Lively_v2.webp"));
  EXPECT_TRUE(std::filesystem::exists(out.path() / "restored_faces" / "Blake_Lively_01_v2.png"));
  EXPECT_TRUE(std::filesystem::exists(out.path() / "cmp" / "Blake_Lively_01.png"));
}

// A photo wider than the detector's 4096-pixel tiles, its faces past the first tile's end:
// detected in parts (two tiles and the overview), its faces are those of the whole photo
// detected at once (--det-tile 0) to a fraction of a pixel, and a tile under 64 is refused.
TEST(Cli, AWidePhotoIsDetectedInPartsAsAWhole) {
  TempDir models, in, parts, whole;
  link_test_models(models.path());
  const cv::Mat photo = cv::imread(require_test_data("images/Blake_Lively.jpg").string());
  ASSERT_FALSE(photo.empty());
  cv::Mat wide(photo.rows, 4400, CV_8UC3, cv::Scalar(120, 128, 136));
  photo.copyTo(wide(cv::Rect(3680, 0, photo.cols, photo.rows)));
  const auto input = in.path() / "wide.png";
  ASSERT_TRUE(cv::imwrite(input.string(), wide));
  const CommandResult r =
      run_command(restore_command(models.path(), input, parts.path()) + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* part : {"detect part 1/3", "detect part 3/3"})
    EXPECT_NE(r.output.find(part), std::string::npos) << part << "\n" << r.output;
  EXPECT_NE(r.output.find("2 faces"), std::string::npos) << r.output;
  const CommandResult w =
      run_command(restore_command(models.path(), input, whole.path()) + " --det-tile 0 2>&1");
  ASSERT_EQ(w.exit_code, 0) << w.output;
  EXPECT_EQ(w.output.find("detect part"), std::string::npos) << w.output;
  for (const char* face : {"wide_00.png", "wide_01.png"}) {
    const cv::Mat a = cv::imread((parts.path() / "cropped_faces" / face).string());
    const cv::Mat b = cv::imread((whole.path() / "cropped_faces" / face).string());
    ASSERT_FALSE(a.empty() || b.empty()) << face;
    // Not bit for bit: RetinaFace's nearest upsampling to odd level sizes maps cells slightly
    // differently in a 4080-pixel tile than in the 4400-pixel photo, moving landmarks by a
    // small fraction of a pixel (seen: mean differences under 0.01). A misplaced face moves
    // whole pixels and differs by several levels on average.
    cv::Mat difference;
    cv::absdiff(a, b, difference);
    EXPECT_LT(cv::mean(difference)[0], 0.05) << face;
  }
  const CommandResult small =
      run_command(restore_command(models.path(), input, whole.path()) + " --det-tile 10 2>&1");
  EXPECT_EQ(small.exit_code, 2) << small.output;
  EXPECT_NE(small.output.find("--det-tile must be 0 or at least 64"), std::string::npos)
      << small.output;
}

TEST(Cli, MissingModelFileIsAClearError) {
  TempDir out;
  const CommandResult r = run_command(
      kCli + " --device cpu --face-model /nonexistent/face.pth -i " +
      quoted(require_test_data("images/Blake_Lively.jpg")) + " -o " + quoted(out.path()));
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--face-model /nonexistent/face.pth: no such file"), std::string::npos)
      << r.output;
}

}  // namespace fr::test
