// The robustness corpus through facerestore-cli: a folder of every kind of photo and every
// kind of broken file, outputs that must not be replaced or half-written, and broken models.
// Each case is asserted on the exit code, its one-line message and the files left behind.
#include <unistd.h>

#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tests/checkpoint_writer.h"
#include "tests/robustness/robustness_support.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

namespace fs = std::filesystem;
const std::string kCli = FACERESTORE_CLI_PATH;

// `text` as one shell word, whatever quotes it holds.
std::string shell_word(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string quoted(const fs::path& p) {
  return shell_word(p.string());
}

// Background only, Lanczos ×2 on the CPU: no network, so every case is quick.
std::string plain_run(const fs::path& in, const fs::path& out, const std::string& extra = "") {
  return kCli + " --device cpu --no-face -s 2 -i " + quoted(in) + " -o " + quoted(out) + " " +
         extra + " 2>&1";
}

// The line of `output` that mentions `needle`, or "" (for messages: one line per file).
std::string line_with(const std::string& output, const std::string& needle) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line))
    if (line.find(needle) != std::string::npos) return line;
  return "";
}

cv::Mat read_unchanged(const fs::path& p) {
  return cv::imread(p.string(), cv::IMREAD_UNCHANGED);
}

}  // namespace

TEST(CliCorpus, EveryKindOfPhotoIsRestoredAndEveryBrokenFileNamedWhileTheBatchGoesOn) {
  TempDir in, out;
  const fs::path d = in.path();
  const cv::Mat pattern = pattern_image(48, 32);
  const std::vector<uint8_t> jpeg = encode(pattern, ".jpg");
  // Good photos.
  write_bytes(d / "phone.jpg", with_exif_orientation(jpeg, 6));
  cv::Mat bgra;
  cv::cvtColor(pattern, bgra, cv::COLOR_BGR2BGRA);
  bgra.forEach<cv::Vec4b>([](cv::Vec4b& px, const int* pos) { px[3] = uint8_t(pos[1] * 5); });
  write_bytes(d / "logo.png", encode(bgra, ".png"));
  cv::Mat deep;
  pattern.convertTo(deep, CV_16U, 257.0);
  write_bytes(d / "scan16.png", encode(deep, ".png"));
  write_bytes(d / "scan16.tif", encode(deep, ".tif"));
  cv::Mat gray;
  cv::cvtColor(pattern, gray, cv::COLOR_BGR2GRAY);
  write_bytes(d / "old-photo.png", encode(gray, ".png"));
  write_bytes(d / "print.jpg", cmyk_jpeg(pattern));
  write_bytes(d / "web.webp", encode(pattern, ".webp"));
  write_bytes(d / "paint.bmp", encode(pattern, ".bmp"));
  write_bytes(d / "dot.png", encode(cv::Mat(1, 1, CV_8UC3, cv::Scalar(9, 8, 7)), ".png"));
  write_bytes(d / u8"奶奶的 照片.jpg", jpeg);
  // Broken ones.
  write_bytes(d / "empty.jpg", {});
  write_bytes(d / "cut.jpg", {jpeg.begin(), jpeg.begin() + std::ptrdiff_t(jpeg.size() / 2)});
  const std::vector<uint8_t> png = encode(pattern, ".png");
  write_bytes(d / "cut.png", {png.begin(), png.begin() + std::ptrdiff_t(png.size() / 2)});
  std::vector<uint8_t> noise(3000);
  for (size_t i = 0; i < noise.size(); ++i) noise[i] = uint8_t((i * 2654435761u) >> 11);
  write_bytes(d / "noise.png", noise);
  fs::create_directory(d / "album.jpg");
  std::ofstream(d / "readme.txt") << "not an image";

  const CommandResult r = run_command(plain_run(d, out.path()));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(r.output.find("10 done, 1 skipped, 5 failed"), std::string::npos) << r.output;
  const struct {
    const char* file;
    const char* reason;
  } failures[] = {{"empty.jpg", "the file is empty"},
                  {"cut.jpg", "cut short"},
                  {"cut.png", "not a readable image"},
                  {"noise.png", "not a readable image"},
                  {"album.jpg", "is a folder"}};
  for (const auto& f : failures) {
    const std::string line = line_with(r.output, "failed: " + (d / f.file).string());
    EXPECT_NE(line.find(f.reason), std::string::npos) << f.file << "\n" << r.output;
    EXPECT_FALSE(fs::exists(out.path() / "restored_imgs" / f.file)) << f.file;
  }
  EXPECT_NE(line_with(r.output, "skipped " + (d / "readme.txt").string()), "") << r.output;

  const fs::path res = out.path() / "restored_imgs";
  EXPECT_EQ(read_unchanged(res / "phone.jpg").size(), cv::Size(64, 96)) << "upright, ×2";
  const cv::Mat logo = read_unchanged(res / "logo.png");
  ASSERT_EQ(logo.type(), CV_8UC4);
  EXPECT_EQ(logo.size(), cv::Size(96, 64));
  cv::Mat alpha;
  cv::extractChannel(bgra, alpha, 3);
  cv::resize(alpha, alpha, logo.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat logo_alpha;
  cv::extractChannel(logo, logo_alpha, 3);
  EXPECT_EQ(cv::norm(logo_alpha, alpha, cv::NORM_INF), 0.0) << "alpha resized with the photo";
  EXPECT_EQ(read_unchanged(res / "scan16.png").type(), CV_16UC3);
  EXPECT_EQ(read_unchanged(res / "scan16.tif").type(), CV_16UC3);
  EXPECT_EQ(read_unchanged(res / "old-photo.png").type(), CV_8UC1);
  EXPECT_EQ(read_unchanged(res / "print.jpg").size(), cv::Size(96, 64));
  EXPECT_EQ(read_unchanged(res / "web.webp").size(), cv::Size(96, 64));
  EXPECT_EQ(read_unchanged(res / "paint.bmp").size(), cv::Size(96, 64));
  EXPECT_EQ(read_unchanged(res / "dot.png").size(), cv::Size(2, 2));
  EXPECT_TRUE(fs::exists(res / u8"奶奶的 照片.jpg")) << r.output;
  EXPECT_TRUE(leftover_temporaries(out.path()).empty());
}

TEST(CliCorpus, ExistingOutputsAreKeptUnlessOverwriteAndInputsAreNeverReplaced) {
  TempDir in, out;
  write_bytes(in.path() / "a.png", encode(pattern_image(20, 10), ".png"));
  ASSERT_EQ(run_command(plain_run(in.path(), out.path())).exit_code, 0);
  const fs::path result = out.path() / "restored_imgs" / "a.png";
  const auto first = read_bytes(result);
  write_bytes(in.path() / "a.png", encode(pattern_image(30, 10), ".png"));  // the photo changed

  const CommandResult again = run_command(plain_run(in.path(), out.path()));
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(line_with(again.output, "skipped").find("--overwrite"), std::string::npos)
      << again.output;
  EXPECT_EQ(read_bytes(result), first);

  const CommandResult replaced = run_command(plain_run(in.path(), out.path(), "--overwrite"));
  EXPECT_EQ(replaced.exit_code, 0) << replaced.output;
  EXPECT_EQ(read_unchanged(result).cols, 60);

  // Input and output the same file: restoring restored_imgs/ into the same output folder.
  const auto input_bytes = read_bytes(result);
  const CommandResult self = run_command(plain_run(result, out.path(), "--overwrite"));
  EXPECT_EQ(self.exit_code, 1) << self.output;
  EXPECT_NE(line_with(self.output, "failed:").find("is one of the input photos"), std::string::npos)
      << self.output;
  EXPECT_EQ(read_bytes(result), input_bytes);
  // The same through a symlink to the output folder.
  fs::create_directory_symlink(out.path(), in.path() / "link");
  const CommandResult linked = run_command(plain_run(result, in.path() / "link", "--overwrite"));
  EXPECT_EQ(linked.exit_code, 1) << linked.output;
  EXPECT_EQ(read_bytes(result), input_bytes);
  // The input under another name (a hard link) where its result would go.
  TempDir elsewhere;
  fs::create_directory(elsewhere.path() / "restored_imgs");
  fs::create_hard_link(result, elsewhere.path() / "restored_imgs" / "a.png");
  const CommandResult hard = run_command(plain_run(result, elsewhere.path(), "--overwrite"));
  EXPECT_EQ(hard.exit_code, 1) << hard.output;
  EXPECT_NE(line_with(hard.output, "failed:").find("is one of the input photos"), std::string::npos)
      << hard.output;
  EXPECT_EQ(read_bytes(result), input_bytes);
  EXPECT_TRUE(leftover_temporaries(out.path()).empty());
}

TEST(CliCorpus, AFullDiskFailsTheImageLeavesNothingAndTheBatchGoesOn) {
  TempDir in, out;
  // Noise does not compress: its ×2 PNG (about 600 kB) cannot fit on a 256 kB disk, while
  // the 1×1 photo's result can.
  cv::Mat noise(220, 220, CV_8UC3);
  cv::randu(noise, 0, 256);
  write_bytes(in.path() / "big.png", encode(noise, ".png"));
  write_bytes(in.path() / "small.png", encode(cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)), ".png"));
  const fs::path disk = out.path() / "disk";
  fs::create_directory(disk);
  // A private mount namespace with a 256 kB tmpfs (needs root, as CI and this machine are).
  const CommandResult r = run_command(
      "unshare -m sh -c " +
      shell_word("mount -t tmpfs -o size=256k tmpfs " + disk.string() + " && " +
                 plain_run(in.path(), disk) + "; echo exit=$?; ls -aR " + disk.string()));
  ASSERT_NE(r.output.find("exit="), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("exit=1"), std::string::npos) << r.output;
  const std::string line = line_with(r.output, "failed:");
  EXPECT_NE(line.find("big.png"), std::string::npos) << r.output;
  EXPECT_NE(line.find("No space left on device"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("1 done, 0 skipped, 1 failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("small.png"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(".facerestore-"), std::string::npos) << "a temporary file is left\n"
                                                               << r.output;
  // ls -aR of the disk: only small.png's result, never big.png.
  EXPECT_EQ(r.output.find("\nbig.png"), std::string::npos) << r.output;
}

TEST(CliCorpus, AFileSizeLimitIsReportedLikeAFullDisk) {
  TempDir in, out;
  cv::Mat noise(200, 200, CV_8UC3);
  cv::randu(noise, 0, 256);
  write_bytes(in.path() / "big.png", encode(noise, ".png"));
  // ulimit -f: writes past 100 blocks fail with EFBIG (the CLI ignores SIGXFSZ).
  const CommandResult r =
      run_command("sh -c " + shell_word("ulimit -f 100 && " + plain_run(in.path(), out.path())));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(line_with(r.output, "failed:").find("File too large"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(out.path() / "restored_imgs" / "big.png"));
  EXPECT_TRUE(leftover_temporaries(out.path()).empty());
}

TEST(CliCorpus, UnreadableInputsAndUnwritableFoldersAreNamed) {
  TempDir in, out;
  fs::permissions(in.path(), fs::perms::all);
  fs::permissions(out.path(), fs::perms::all);
  write_bytes(in.path() / "locked.jpg", encode(pattern_image(8, 8), ".jpg"));
  fs::permissions(in.path() / "locked.jpg", fs::perms::none);
  write_bytes(in.path() / "open.jpg", encode(pattern_image(8, 8), ".jpg"));
  fs::permissions(in.path() / "open.jpg", fs::perms::all);
  // Root reads every file: run as an ordinary user (nobody) there.
  const std::string as_user =
      geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  const CommandResult r = run_command(as_user + plain_run(in.path(), out.path()));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(line_with(r.output, "failed:").find("locked.jpg: cannot be opened (Permission denied)"),
            std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("1 done, 0 skipped, 1 failed"), std::string::npos) << r.output;

  const fs::path readonly = out.path() / "readonly";
  fs::create_directory(readonly);
  fs::permissions(readonly, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::others_read |
                                fs::perms::others_exec);
  const CommandResult w = run_command(as_user + plain_run(in.path() / "open.jpg", readonly));
  EXPECT_EQ(w.exit_code, 1) << w.output;
  EXPECT_NE(line_with(w.output, "failed:").find("Permission denied"), std::string::npos)
      << w.output;

  // An output "folder" that is a file (as root too).
  std::ofstream(out.path() / "file") << "x";
  const CommandResult f = run_command(plain_run(in.path() / "open.jpg", out.path() / "file"));
  EXPECT_EQ(f.exit_code, 1) << f.output;
  EXPECT_NE(line_with(f.output, "failed:").find("cannot create the output folder"),
            std::string::npos)
      << f.output;
}

TEST(CliCorpus, PhotosOverTheSizeLimitAreRefusedWithTheLimit) {
  TempDir in, out;
  write_bytes(in.path() / "huge.png", encode(pattern_image(1500, 1000), ".png"));
  const CommandResult r = run_command(plain_run(in.path(), out.path(), "--max-megapixels 1"));
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_NE(line_with(r.output, "failed:").find("larger than the limit of 1 megapixels"),
            std::string::npos)
      << r.output;
  EXPECT_EQ(run_command(plain_run(in.path(), out.path(), "--max-megapixels 2")).exit_code, 0);
}

}  // namespace fr::test

namespace fr::test {

// Model files that are damaged, cut short, of another network, hostile, or not the published
// file: each refused before any photo is touched (exit 2), naming the file.
TEST(CliCorpus, BrokenHostileAndModifiedModelsAreRefused) {
  TempDir dir, out;
  const fs::path gfpgan = require_test_data("models/test/gfpgan-clean-n0125.pth");
  const fs::path photo = require_test_data("images/Blake_Lively.jpg");
  const auto good = read_bytes(gfpgan);
  write_bytes(dir.path() / "cut.pth",
              {good.begin(), good.begin() + std::ptrdiff_t(good.size() / 2)});
  std::vector<uint8_t> noise(5000);
  for (size_t i = 0; i < noise.size(); ++i) noise[i] = uint8_t((i * 2654435761u) >> 9);
  write_bytes(dir.path() / "noise.pth", noise);
  // A pickle that would run a shell command in torch.load.
  const std::string marker = (dir.path() / "pwned").string();
  const std::string hostile =
      "\x80\x02"
      "cos\nsystem\n(V"
      "touch " +
      marker + "\ntR.";
  write_bytes(dir.path() / "hostile.pth", {hostile.begin(), hostile.end()});
  const struct {
    std::string model;
    const char* reason;
  } cases[] = {
      {(dir.path() / "cut.pth").string(), "cut.pth"},
      {(dir.path() / "noise.pth").string(), "noise.pth"},
      {(dir.path() / "hostile.pth").string(), "os.system"},
      {require_test_data("models/test/rrdbnet-x2-f32-b1.pth").string(), "GFPGAN"},
  };
  for (const auto& c : cases) {
    const CommandResult r = run_command(
        kCli + " --device cpu --face-model " + quoted(fs::path(c.model)) + " --det-model " +
        quoted(require_test_data("models/retinaface-mobilenet0.25.pth")) + " -i " + quoted(photo) +
        " -o " + quoted(out.path()) + " 2>&1");
    EXPECT_EQ(r.exit_code, 2) << c.model << "\n" << r.output;
    EXPECT_NE(r.output.find(c.reason), std::string::npos) << c.model << "\n" << r.output;
  }
  EXPECT_FALSE(fs::exists(marker));
  EXPECT_FALSE(fs::exists(out.path() / "restored_imgs"));

  // A catalog name whose file is not the published one (its SHA-256 differs).
  fs::create_symlink(gfpgan, dir.path() / "GFPGANv1.4.pth");
  fs::create_symlink(require_test_data("models/retinaface-mobilenet0.25.pth"),
                     dir.path() / "detection_mobilenet0.25_Final.pth");
  const std::string catalog_run = kCli + " --device cpu -v 1.4 --det-model retinaface_mobile0.25" +
                                  " --models-dir " + quoted(dir.path()) + " -i " + quoted(photo) +
                                  " -o " + quoted(out.path()) + " 2>&1";
  const CommandResult refused = run_command(catalog_run);
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("is not the published GFPGAN v1.4"), std::string::npos)
      << refused.output;
  EXPECT_NE(refused.output.find("--allow-modified-models"), std::string::npos) << refused.output;
  const CommandResult allowed = run_command(catalog_run + " --allow-modified-models");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.output;
}

// A real face network whose output is NaN (one weight made NaN): each face is reported and
// left as it was, so the photo equals the one restored without faces; the batch succeeds.
TEST(CliCorpus, AFaceNetworkGivingNanLeavesTheFacesAsTheyWere) {
  TempDir dir, out, plain;
  const fs::path nan_model = dir.path() / "gfpgan-nan.safetensors";
  const Status written =
      write_model_with_nan(require_test_data("models/test/gfpgan-clean-n0125.pth"), nan_model,
                           "stylegan_decoder.to_rgbs.6.bias");
  ASSERT_TRUE(written.ok()) << written.error().message;
  // A real photo with two faces.
  const cv::Mat photo = cv::imread(require_test_data("images/Blake_Lively.jpg").string());
  ASSERT_FALSE(photo.empty());
  ASSERT_TRUE(cv::imwrite((dir.path() / "two.png").string(), photo));
  const CommandResult r = run_command(
      kCli + " --device cpu --allow-modified-models --face-model " + quoted(nan_model) +
      " --det-model " + quoted(require_test_data("models/retinaface-mobilenet0.25.pth")) +
      " -s 2 -i " + quoted(dir.path() / "two.png") + " -o " + quoted(out.path()) + " 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.output;
  for (const char* face : {"face 1 of 2", "face 2 of 2"})
    EXPECT_NE(line_with(r.output, face).find("NaN or infinite"), std::string::npos) << face << "\n"
                                                                                    << r.output;
  ASSERT_EQ(run_command(plain_run(dir.path() / "two.png", plain.path())).exit_code, 0);
  const cv::Mat with_nan = cv::imread((out.path() / "restored_imgs" / "two.png").string());
  const cv::Mat without = cv::imread((plain.path() / "restored_imgs" / "two.png").string());
  ASSERT_FALSE(with_nan.empty());
  ASSERT_EQ(with_nan.size(), without.size());
  EXPECT_EQ(cv::norm(with_nan, without, cv::NORM_INF), 0.0);
  EXPECT_FALSE(fs::exists(out.path() / "restored_faces" / "two_00.png"));
}

}  // namespace fr::test
