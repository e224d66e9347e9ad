// Photos in every form people have: EXIF orientation, alpha, 16 bits, grayscale, CMYK, all the
// formats; and the damaged ones, each refused with its reason.
#include <cstring>

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/restore/exif_orientation.h"
#include "app/restore/image_header.h"
#include "app/restore/image_io.h"
#include "tests/robustness/robustness_support.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

Result<LoadedImage> decode(const std::vector<uint8_t>& bytes, const ReadLimits& limits = {}) {
  return decode_image(bytes.data(), bytes.size(), "photo", limits);
}

double max_difference(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return 1e9;
  return cv::norm(a, b, cv::NORM_INF);
}

}  // namespace

// Our orientation against OpenCV's own (IMREAD_COLOR applies EXIF for JPEG) for all eight.
TEST(ImageInputs, ExifOrientationTurnsJpegsUprightAsOpenCvDoes) {
  const std::vector<uint8_t> plain = encode(pattern_image(40, 24), ".jpg");
  for (int o = 1; o <= 8; ++o) {
    const std::vector<uint8_t> bytes = with_exif_orientation(plain, o);
    EXPECT_EQ(exif_orientation(bytes.data(), bytes.size()), o);
    auto ours = decode(bytes);
    ASSERT_TRUE(ours.ok()) << ours.error().message;
    const cv::Mat theirs = cv::imdecode(bytes, cv::IMREAD_COLOR);
    EXPECT_EQ(max_difference(ours->bgr, theirs), 0.0) << "orientation " << o;
    EXPECT_EQ(ours->bgr.cols, o >= 5 ? 24 : 40) << "orientation " << o;
  }
  // A phone photo held upright (6: rotate 90° clockwise).
  auto upright = decode(with_exif_orientation(plain, 6));
  ASSERT_TRUE(upright.ok());
  cv::Mat rotated;
  cv::rotate(cv::imdecode(plain, cv::IMREAD_COLOR), rotated, cv::ROTATE_90_CLOCKWISE);
  EXPECT_EQ(max_difference(upright->bgr, rotated), 0.0);
}

TEST(ImageInputs, BrokenExifIsIgnoredNotTrusted) {
  std::vector<uint8_t> bytes = with_exif_orientation(encode(pattern_image(8, 6), ".jpg"), 6);
  bytes[17] = 0xFF;  // the IFD0 offset now points far past the segment
  EXPECT_EQ(exif_orientation(bytes.data(), bytes.size()), 1);
  EXPECT_EQ(exif_orientation(bytes.data(), 20), 1);  // cut inside the segment
}

TEST(ImageInputs, AlphaIsKeptAndResizedWithTheResult) {
  cv::Mat bgra;
  cv::cvtColor(pattern_image(30, 20), bgra, cv::COLOR_BGR2BGRA);
  for (int y = 0; y < bgra.rows; ++y)
    for (int x = 0; x < bgra.cols; ++x) bgra.at<cv::Vec4b>(y, x)[3] = uint8_t(x * 8);
  auto image = decode(encode(bgra, ".png"));
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_EQ(image->bgr.type(), CV_8UC3);
  ASSERT_FALSE(image->format.alpha.empty());
  cv::Mat bigger;
  cv::resize(image->bgr, bigger, {60, 40});
  const cv::Mat out = match_source_format(bigger, image->format);
  ASSERT_EQ(out.type(), CV_8UC4);
  cv::Mat alpha, want;
  cv::extractChannel(out, alpha, 3);
  cv::extractChannel(bgra, want, 3);
  cv::resize(want, want, {60, 40}, 0, 0, cv::INTER_LINEAR);
  EXPECT_EQ(max_difference(alpha, want), 0.0);
}

TEST(ImageInputs, SixteenBitPngAndTiffStaySixteenBit) {
  cv::Mat deep;
  pattern_image(17, 11).convertTo(deep, CV_16U, 257.0);
  deep.at<cv::Vec3w>(3, 4) = cv::Vec3w(65535, 1000, 129);
  for (const char* ext : {".png", ".tif"}) {
    auto image = decode(encode(deep, ext));
    ASSERT_TRUE(image.ok()) << ext << ": " << image.error().message;
    EXPECT_EQ(image->format.depth, CV_16U) << ext;
    EXPECT_EQ(image->bgr.at<cv::Vec3b>(3, 4), cv::Vec3b(255, 4, 1)) << ext;  // v/257 rounded
    const cv::Mat out = match_source_format(image->bgr, image->format);
    EXPECT_EQ(out.type(), CV_16UC3) << ext;
  }
}

TEST(ImageInputs, GrayscaleGivesGrayscale) {
  cv::Mat gray;
  cv::cvtColor(pattern_image(9, 7), gray, cv::COLOR_BGR2GRAY);
  auto image = decode(encode(gray, ".png"));
  ASSERT_TRUE(image.ok()) << image.error().message;
  EXPECT_TRUE(image->format.grayscale);
  EXPECT_EQ(image->bgr.type(), CV_8UC3);
  const cv::Mat out = match_source_format(image->bgr, image->format);
  ASSERT_EQ(out.type(), CV_8UC1);
  EXPECT_EQ(max_difference(out, gray), 0.0);
}

TEST(ImageInputs, CmykJpegWebpBmpAndTiffAreRead) {
  const cv::Mat pattern = pattern_image(32, 16);
  auto cmyk = decode(cmyk_jpeg(pattern));
  ASSERT_TRUE(cmyk.ok()) << cmyk.error().message;
  EXPECT_EQ(cmyk->bgr.size(), pattern.size());
  EXPECT_LT(cv::norm(cmyk->bgr, pattern, cv::NORM_L1) / double(pattern.total() * 3), 6.0)
      << "CMYK colours come back as the RGB they were made from (within JPEG loss)";
  for (const char* ext : {".webp", ".bmp", ".tif", ".png", ".jpg"}) {
    auto image = decode(encode(pattern, ext));
    ASSERT_TRUE(image.ok()) << ext << ": " << image.error().message;
    EXPECT_EQ(image->bgr.size(), pattern.size()) << ext;
  }
  auto tiny = decode(encode(cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)), ".png"));
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(tiny->bgr.size(), cv::Size(1, 1));
}

TEST(ImageInputs, DamagedFilesAreRefusedWithTheReason) {
  const std::vector<uint8_t> jpeg = encode(pattern_image(64, 48), ".jpg");
  const std::vector<uint8_t> png = encode(pattern_image(64, 48), ".png");
  std::vector<uint8_t> random(4096);
  for (size_t i = 0; i < random.size(); ++i) random[i] = uint8_t((i * 2654435761u) >> 13);
  const struct {
    const char* what;
    std::vector<uint8_t> bytes;
    const char* reason;
  } cases[] = {
      {"empty", {}, "empty"},
      {"truncated JPEG",
       {jpeg.begin(), jpeg.begin() + std::ptrdiff_t(jpeg.size() / 2)},
       "cut short"},
      {"truncated PNG",
       {png.begin(), png.begin() + std::ptrdiff_t(png.size() / 2)},
       "not a readable image"},
      {"random bytes", random, "not a readable image"},
      // Found by fuzz_image: OpenCV's DICOM decoder (GDCM) aborted the process on these.
      {"DICOM signature",
       [] {
         std::vector<uint8_t> b(135, 0);
         std::memcpy(b.data() + 128, "DICM", 4);
         return b;
       }(),
       "not a readable image"},
      {"WebP magic then DICOM",
       [] {
         std::vector<uint8_t> b(135, 0);
         std::memcpy(b.data(), "RIFF\x10\0\0\0WEBPVP8 ", 16);
         std::memcpy(b.data() + 128, "DICM", 4);
         return b;
       }(),
       "not a readable image"},
  };
  for (const auto& c : cases) {
    auto r = decode(c.bytes);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_NE(r.error().message.find("photo: "), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(c.reason), std::string::npos)
        << c.what << ": " << r.error().message;
  }
}

TEST(ImageInputs, TheSizeLimitIsClearAndConfigurable) {
  const std::vector<uint8_t> png = encode(pattern_image(1200, 1000), ".png");
  ReadLimits one_megapixel;
  one_megapixel.max_pixels = 1'000'000;
  one_megapixel.raise_with = "--max-megapixels";
  auto refused = decode(png, one_megapixel);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("1200×1000"), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("--max-megapixels"), std::string::npos);
  ReadLimits none;
  none.max_pixels = 0;
  EXPECT_TRUE(decode(png, none).ok());
}

// The header's size for every format and variant we write, odd sizes included.
TEST(ImageInputs, TheDeclaredSizeIsReadFromEveryHeader) {
  struct Case {
    const char* ext;
    std::vector<int> params;
    bool alpha;
  };
  const std::vector<Case> cases = {
      {".jpg", {}, false},
      {".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}, false},
      {".png", {}, false},
      {".png", {}, true},
      {".bmp", {}, false},
      {".webp", {cv::IMWRITE_WEBP_QUALITY, 80}, false},   // VP8
      {".webp", {cv::IMWRITE_WEBP_QUALITY, 101}, false},  // VP8L (lossless)
      {".webp", {cv::IMWRITE_WEBP_QUALITY, 80}, true},    // VP8X with alpha
      {".tif", {}, false},
  };
  for (const cv::Size size : {cv::Size(1, 1), cv::Size(301, 17), cv::Size(13, 640)}) {
    cv::Mat image = pattern_image(size.width, size.height);
    cv::Mat bgra;
    cv::cvtColor(image, bgra, cv::COLOR_BGR2BGRA);
    for (const Case& c : cases) {
      std::vector<uint8_t> bytes;
      ASSERT_TRUE(cv::imencode(c.ext, c.alpha ? bgra : image, bytes, c.params));
      const auto declared = declared_image_size(bytes.data(), bytes.size());
      ASSERT_TRUE(declared) << c.ext << " " << size;
      EXPECT_EQ(declared->width, size.width) << c.ext << " " << size;
      EXPECT_EQ(declared->height, size.height) << c.ext << " " << size;
      // Cut inside the header: unknown, never a wrong size.
      const auto cut = declared_image_size(bytes.data(), 20);
      EXPECT_TRUE(!cut || (cut->width == size.width && cut->height == size.height)) << c.ext;
    }
  }
  // A BMP stored top-down declares a negative height.
  std::vector<uint8_t> bmp = encode(pattern_image(7, 5), ".bmp");
  const int32_t top_down = -5;
  std::memcpy(bmp.data() + 22, &top_down, 4);
  const auto declared = declared_image_size(bmp.data(), bmp.size());
  ASSERT_TRUE(declared);
  EXPECT_EQ(declared->height, 5);
  EXPECT_FALSE(declared_image_size(bmp.data(), 3));
}

// A few hundred bytes that claim a huge photo are refused from the header, before a decoder
// allocates: the message gives the declared size (the decoder would fail another way).
TEST(ImageInputs, AHugeDeclaredSizeIsRefusedBeforeDecoding) {
  std::vector<uint8_t> png = encode(pattern_image(3, 2), ".png");
  const uint8_t png_size[8] = {0, 0, 0x75, 0x30, 0, 0, 0x75, 0x30};  // 30000 × 30000
  std::memcpy(png.data() + 16, png_size, 8);
  std::vector<uint8_t> jpg = encode(pattern_image(3, 2), ".jpg");
  for (size_t i = 2; i + 9 < jpg.size(); ++i)
    if (jpg[i] == 0xFF && jpg[i + 1] == 0xC0) {
      const uint8_t jpg_size[4] = {0x75, 0x30, 0x75, 0x30};
      std::memcpy(jpg.data() + i + 5, jpg_size, 4);
      break;
    }
  for (const auto* bytes : {&png, &jpg}) {
    auto refused = decode(*bytes);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("30000×30000 (900 megapixels)"), std::string::npos)
        << refused.error().message;
  }
  // The largest sizes a header can hold: their product does not fit 64 bits (found by
  // fuzz_image as signed overflow in the limit check).
  const uint8_t huge[4] = {0xFF, 0xFF, 0xFF, 0xFF};
  std::memcpy(png.data() + 16, huge, 4);
  std::memcpy(png.data() + 20, huge, 4);
  auto refused = decode(png);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("4294967295×4294967295"), std::string::npos)
      << refused.error().message;
}

TEST(ImageInputs, WritesDropWhatTheFormatCannotHold) {
  TempDir dir;
  cv::Mat deep_alpha(5, 4, CV_16UC4, cv::Scalar(1000, 2000, 3000, 40000));
  ASSERT_TRUE(write_image(dir.path() / "a.png", deep_alpha).ok());
  ASSERT_TRUE(write_image(dir.path() / "a.jpg", deep_alpha).ok());
  EXPECT_EQ(cv::imread((dir.path() / "a.png").string(), cv::IMREAD_UNCHANGED).type(), CV_16UC4);
  EXPECT_EQ(cv::imread((dir.path() / "a.jpg").string(), cv::IMREAD_UNCHANGED).type(), CV_8UC3);
}

TEST(ImageInputs, KeepingExistingFilesRefusesToReplaceThem) {
  TempDir dir;
  const auto path = dir.path() / "x.png";
  ASSERT_TRUE(write_image(path, pattern_image(4, 4)).ok());
  const auto before = read_bytes(path);
  auto st = write_image(path, pattern_image(8, 8), 95, Existing::keep);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find("already exists"), std::string::npos) << st.error().message;
  EXPECT_EQ(read_bytes(path), before);
  EXPECT_TRUE(leftover_temporaries(dir.path()).empty());
  EXPECT_TRUE(write_image(path, pattern_image(8, 8), 95, Existing::replace).ok());
  EXPECT_NE(read_bytes(path), before);
}

}  // namespace fr::test
