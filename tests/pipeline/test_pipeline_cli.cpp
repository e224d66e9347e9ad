// The restoration pipeline end to end, through facerestore-cli as a user runs it, against the
// fixtures of the official PyTorch pipeline (../shared/fixtures/pipeline-*, srvgg tiled).
// One CTest entry per device: pipeline_tests_cpu and pipeline_tests_vulkan.
#include <cstdlib>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include "core/vulkan/vulkan_devices.h"
#include "models/npy.h"
#include "tests/backend_matrix.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

namespace fs = std::filesystem;

const std::string kCli = FACERESTORE_CLI_PATH;

std::string quoted(const fs::path& p) {
  return "'" + p.string() + "'";
}

struct DeviceCase {
  std::string name;  // cpu or vulkan
  double min_psnr;   // dB, for the face pipeline fixtures
  std::string flag() const {
    if (name == "cpu") return "cpu";
    const char* env = std::getenv("FACERESTORE_TEST_VULKAN_DEVICE");
    return env && *env ? env : "vulkan";
  }
};

void PrintTo(const DeviceCase& c, std::ostream* os) {
  *os << c.name;
}

// PSNR of two 8-bit images of the same size and type, in dB (infinite when equal).
// "00", "01", …: the face numbers of output names.
std::string two_digits(int i) {
  return (i < 10 ? "0" : "") + std::to_string(i);
}

double psnr(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return -1;
  if (cv::norm(a, b, cv::NORM_INF) == 0) return INFINITY;
  return cv::PSNR(a, b);
}

cv::Mat read(const fs::path& p) {
  return cv::imread(p.string(), cv::IMREAD_COLOR);
}

#define EXPECT_IMAGE_MATCHES(actual_path, expected_path, min_db)                               \
  do {                                                                                         \
    const cv::Mat actual_ = read(actual_path), expected_ = read(expected_path);                \
    ASSERT_FALSE(actual_.empty()) << "missing output " << (actual_path);                       \
    ASSERT_FALSE(expected_.empty()) << "missing fixture " << (expected_path);                  \
    const double db_ = psnr(actual_, expected_);                                               \
    std::cout << "[ psnr     ] " << fs::path(expected_path).filename().string() << ": " << db_ \
              << " dB (limit " << (min_db) << ")\n";                                           \
    EXPECT_GE(db_, min_db) << (actual_path) << " vs " << (expected_path) << ": sizes "         \
                           << actual_.size() << " / " << expected_.size();                     \
  } while (0)

class PipelineCli : public ::testing::TestWithParam<DeviceCase> {
 protected:
  void SetUp() override {
    if (GetParam().name == "cpu") return;
    auto vk = list_vulkan_devices();
    if (!vk || vk->empty()) {
      const std::string why = vk ? "no Vulkan device" : vk.error().message;
      if (backends_required()) FAIL() << "vulkan cannot run: " << why;
      GTEST_SKIP() << "vulkan cannot run: " << why;
    }
  }

  // Runs the CLI with the test face model and the mobilenet detector on `input`.
  CommandResult restore(const fs::path& input, const fs::path& out, const std::string& extra) {
    const std::string cmd =
        kCli + " -i " + quoted(input) + " -o " + quoted(out) + " --face-model " +
        quoted(require_test_data("models/test/gfpgan-clean-n0125.pth")) + " --det-model " +
        quoted(require_test_data("models/retinaface-mobilenet0.25.pth")) + " --device " +
        GetParam().flag() + " " + extra;
    return run_command(cmd);
  }

  // The final image, every crop and restored crop against the fixture folder.
  void expect_matches(const fs::path& out, const fs::path& fixtures, const std::string& stem,
                      int faces, double min_db) {
    EXPECT_IMAGE_MATCHES(out / "restored_imgs" / (stem + ".png"), fixtures / (stem + ".png"),
                         min_db);
    for (int i = 0; i < faces; ++i) {
      const std::string nn = two_digits(i);
      EXPECT_IMAGE_MATCHES(out / "cropped_faces" / (stem + "_" + nn + ".png"),
                           fixtures / (stem + "_crop_" + nn + ".png"), min_db);
      EXPECT_IMAGE_MATCHES(out / "restored_faces" / (stem + "_" + nn + ".png"),
                           fixtures / (stem + "_restored_" + nn + ".png"), min_db);
      // cmp/ holds the crop beside the restored face.
      const cv::Mat cmp = read(out / "cmp" / (stem + "_" + nn + ".png"));
      const cv::Mat crop = read(out / "cropped_faces" / (stem + "_" + nn + ".png"));
      const cv::Mat face = read(out / "restored_faces" / (stem + "_" + nn + ".png"));
      ASSERT_EQ(cmp.cols, 1024);
      EXPECT_EQ(cv::norm(cmp(cv::Rect(0, 0, 512, 512)), crop, cv::NORM_INF), 0);
      EXPECT_EQ(cv::norm(cmp(cv::Rect(512, 0, 512, 512)), face, cv::NORM_INF), 0);
    }
    EXPECT_FALSE(fs::exists(out / "cropped_faces" / (stem + "_" + two_digits(faces) + ".png")))
        << "more faces than the reference found";
  }
};

nlohmann::json read_meta(const fs::path& fixtures) {
  std::ifstream in(fixtures / "meta.json");
  return nlohmann::json::parse(in, nullptr, false);
}

TEST_P(PipelineCli, NoBackgroundModelMatchesTheReferencePipeline) {
  const fs::path fixtures = require_test_data("fixtures/pipeline-s2-nobg");
  const nlohmann::json meta = read_meta(fixtures);
  ASSERT_TRUE(meta.is_object() && meta.contains("images"));
  ASSERT_EQ(meta["images"].size(), 3u);
  for (const auto& [name, info] : meta["images"].items()) {
    SCOPED_TRACE(name);
    TempDir out;
    const CommandResult r =
        restore(require_test_data("images/" + name), out.path(), "-s 2 --ext png");
    ASSERT_EQ(r.exit_code, 0) << r.output;
    expect_matches(out.path(), fixtures, fs::path(name).stem().string(), info["faces"].get<int>(),
                   GetParam().min_psnr);
  }
}

TEST_P(PipelineCli, AlignedFaceEqualsTheNetworkOutputIn8Bits) {
  // The fixture's input is Adele_crop.png as RGB in [−1,1]; its output converted as the
  // pipeline does: clamp, (y+1)/2·255, round, BGR.
  auto output = read_npy_tensor(require_test_data("fixtures/gfpgan-clean-n0125/output.npy"));
  ASSERT_TRUE(output.ok()) << output.error().message;
  cv::Mat expected(512, 512, CV_8UC3);
  for (int y = 0; y < 512; ++y)
    for (int x = 0; x < 512; ++x)
      for (int c = 0; c < 3; ++c) {
        const float v = std::clamp(output->at(0, c, y, x), -1.0f, 1.0f);
        expected.at<cv::Vec3b>(y, x)[2 - c] =
            cv::saturate_cast<uint8_t>(std::nearbyint((v + 1) / 2 * 255));
      }
  TempDir out;
  const CommandResult r =
      restore(require_test_data("images/cropped_faces/Adele_crop.png"), out.path(), "--aligned");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const cv::Mat actual = read(out.path() / "restored_faces" / "Adele_crop.png");
  ASSERT_FALSE(actual.empty()) << r.output;
  const double max_diff = cv::norm(actual, expected, cv::NORM_INF);
  std::cout << "[ parity   ] aligned Adele_crop: max 8-bit difference " << max_diff << "\n";
  // A value within float rounding of a .5 boundary may round the other way: at most 1.
  EXPECT_LE(max_diff, GetParam().name == "cpu" ? 1 : 2);
  // Only restored_faces/ is written for aligned inputs.
  EXPECT_FALSE(fs::exists(out.path() / "restored_imgs"));
  EXPECT_FALSE(fs::exists(out.path() / "cropped_faces"));
  EXPECT_FALSE(fs::exists(out.path() / "cmp"));
}

INSTANTIATE_TEST_SUITE_P(, PipelineCli,
                         ::testing::Values(DeviceCase{"cpu", 40.0}, DeviceCase{"vulkan", 35.0}),
                         [](const auto& info) { return info.param.name; });

// The background model runs on the CPU only here: Real-ESRGAN at full size takes minutes on
// lavapipe, and the network itself is compared on every backend in network_tests.
class PipelineCliCpu : public PipelineCli {};

TEST_P(PipelineCliCpu, SrvggBackgroundMatchesTheReferencePipeline) {
  const fs::path fixtures = require_test_data("fixtures/pipeline-s2-srvgg");
  TempDir out;
  const CommandResult r = restore(require_test_data("images/Blake_Lively.jpg"), out.path(),
                                  "-s 2 --ext png --bg-tile 400 --bg-model " +
                                      quoted(require_test_data("models/realesr-general-x4v3.pth")));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  expect_matches(out.path(), fixtures, "Blake_Lively",
                 read_meta(fixtures)["images"]["Blake_Lively.jpg"]["faces"].get<int>(),
                 GetParam().min_psnr);
}

TEST_P(PipelineCliCpu, SrvggTiledUpscalingMatchesRealEsrgansTiler) {
  const fs::path fixtures = require_test_data("fixtures/srvgg-realesr-general-x4v3");
  for (const auto& [scale, expected] :
       {std::pair{"4", "tiled_output_tile64_pad10.png"},
        std::pair{"2", "tiled_output_tile64_pad10_outscale2.png"}}) {
    SCOPED_TRACE(expected);
    TempDir out;
    const std::string cmd = kCli + " --no-face -i " + quoted(fixtures / "tiled_input.png") +
                            " -o " + quoted(out.path()) + " --bg-model " +
                            quoted(require_test_data("models/realesr-general-x4v3.pth")) + " -s " +
                            scale + " --bg-tile 64 --tile-pad 10 --device cpu";
    const CommandResult r = run_command(cmd);
    ASSERT_EQ(r.exit_code, 0) << r.output;
    EXPECT_IMAGE_MATCHES(out.path() / "restored_imgs" / "tiled_input.png", fixtures / expected,
                         45.0);
  }
}

INSTANTIATE_TEST_SUITE_P(, PipelineCliCpu, ::testing::Values(DeviceCase{"cpu", 40.0}),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace fr::test
