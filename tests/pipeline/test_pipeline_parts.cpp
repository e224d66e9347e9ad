// The pipeline's parts (core/pipeline/) with fake models: tiled upscaling, face alignment, the
// soft-mask paste and composite, Pipeline's orchestration (progress, filtering, cancelling,
// errors) and the output layout. Every expectation is computed here independently of the code
// under test (../shared/spec/pipeline.md); the networks themselves are tested elsewhere.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <fstream>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "core/image_io.h"
#include "core/pipeline/face_align.h"
#include "core/pipeline/outputs.h"
#include "core/pipeline/pipeline.h"
#include "core/pipeline/tiled_upscale.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

namespace fs = std::filesystem;

// The FFHQ template of the spec for a 512×512 face.
const FaceLandmarks kTemplate = {{{192.98138f, 239.94708f},
                                  {318.90277f, 240.1936f},
                                  {256.63416f, 314.01935f},
                                  {201.26117f, 371.41043f},
                                  {313.08905f, 371.15118f}}};

cv::Mat random_image(int rows, int cols, uint64_t seed) {
  cv::Mat m(rows, cols, CV_8UC3);
  cv::RNG rng(seed);
  rng.fill(m, cv::RNG::UNIFORM, 0, 256);
  return m;
}

double max_diff(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return INFINITY;
  return cv::norm(a, b, cv::NORM_INF);
}

// ---------------------------------------------------------------------------------------------
// Fake background models.

// A pure function of one pixel.
cv::Vec3b pixel_function(const cv::Vec3b& p) {
  return {uint8_t(255 - p[0]), uint8_t(p[1] * 7 + 13), uint8_t(p[2] ^ 0x5a)};
}

cv::Mat map_pixels(const cv::Mat& in) {
  cv::Mat out(in.size(), CV_8UC3);
  for (int y = 0; y < in.rows; ++y)
    for (int x = 0; x < in.cols; ++x)
      out.at<cv::Vec3b>(y, x) = pixel_function(in.at<cv::Vec3b>(y, x));
  return out;
}

// 3×3 box blur (radius 1) with replicated borders, integer mean rounded down.
cv::Mat box_blur(const cv::Mat& in) {
  cv::Mat out(in.size(), CV_8UC3);
  for (int y = 0; y < in.rows; ++y)
    for (int x = 0; x < in.cols; ++x)
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int yy = std::clamp(y + dy, 0, in.rows - 1);
            const int xx = std::clamp(x + dx, 0, in.cols - 1);
            sum += in.at<cv::Vec3b>(yy, xx)[c];
          }
        out.at<cv::Vec3b>(y, x)[c] = uint8_t(sum / 9);
      }
  return out;
}

// out(y, x) = in(y / s, x / s).
cv::Mat nearest_upscale(const cv::Mat& in, int s) {
  cv::Mat out(in.rows * s, in.cols * s, CV_8UC3);
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x) out.at<cv::Vec3b>(y, x) = in.at<cv::Vec3b>(y / s, x / s);
  return out;
}

class FakeUpscaler : public ImageUpscaler {
 public:
  enum class Kind { per_pixel, box_blur };

  FakeUpscaler(Kind kind, int scale, int multiple = 1)
      : kind_(kind), scale_(scale), multiple_(multiple) {}

  int scale() const override { return scale_; }
  int input_multiple() const override { return multiple_; }
  std::string describe() const override { return "fake upscaler"; }

  Result<cv::Mat> upscale(const cv::Mat& bgr) override {
    inputs.push_back(bgr.size());
    EXPECT_EQ(bgr.type(), CV_8UC3);
    EXPECT_EQ(bgr.rows % multiple_, 0) << "tile of " << bgr.size() << ", multiple " << multiple_;
    EXPECT_EQ(bgr.cols % multiple_, 0) << "tile of " << bgr.size() << ", multiple " << multiple_;
    if (!error.empty()) return Error{error};
    if (wrong_size) return cv::Mat(1, 1, CV_8UC3, cv::Scalar::all(0));
    return nearest_upscale(kind_ == Kind::per_pixel ? map_pixels(bgr) : box_blur(bgr), scale_);
  }

  std::vector<cv::Size> inputs;  // every call's input size
  std::string error;             // non-empty: every call fails with it
  bool wrong_size = false;       // true: returns a 1×1 image, breaking the interface

 private:
  Kind kind_;
  int scale_, multiple_;
};

// ---------------------------------------------------------------------------------------------
// Tiling.

TEST(TiledUpscale, PerPixelModelGivesTheSameResultTiledOnOddSizes) {
  for (const int s : {2, 4}) {
    for (const cv::Size size : {cv::Size(67, 45), cv::Size(45, 67)}) {
      SCOPED_TRACE("scale " + std::to_string(s) + ", " + std::to_string(size.width) + "×" +
                   std::to_string(size.height));
      const cv::Mat img = random_image(size.height, size.width, 1 + s);
      const cv::Mat expected = nearest_upscale(map_pixels(img), s);
      FakeUpscaler tiled(FakeUpscaler::Kind::per_pixel, s);
      auto out = upscale_tiled(tiled, img, {16, 3});
      ASSERT_TRUE(out.ok()) << out.error().message;
      EXPECT_EQ(out->size(), cv::Size(size.width * s, size.height * s));
      EXPECT_EQ(max_diff(*out, expected), 0);
      // ⌈67/16⌉ · ⌈45/16⌉ = 5 · 3 tiles.
      EXPECT_EQ(tiled.inputs.size(), 15u);
      for (const cv::Size& in : tiled.inputs) {
        EXPECT_LE(in.width, 16 + 2 * 3);
        EXPECT_LE(in.height, 16 + 2 * 3);
      }
      FakeUpscaler whole(FakeUpscaler::Kind::per_pixel, s);
      auto one = upscale_tiled(whole, img, {0, 3});
      ASSERT_TRUE(one.ok()) << one.error().message;
      EXPECT_EQ(max_diff(*one, expected), 0);
    }
  }
}

TEST(TiledUpscale, TileZeroIsOneCallWithTheWholeImage) {
  const cv::Mat img = random_image(37, 53, 7);
  FakeUpscaler model(FakeUpscaler::Kind::box_blur, 2);
  std::vector<std::pair<int, int>> calls;
  auto out = upscale_tiled(model, img, {0, 10}, [&](int i, int n) {
    calls.emplace_back(i, n);
    return true;
  });
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(model.inputs.size(), 1u);
  EXPECT_EQ(model.inputs[0], img.size());
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{1, 1}}));
  EXPECT_EQ(tile_count(37, 53, 1, {0, 10}), 1);
  EXPECT_EQ(max_diff(*out, nearest_upscale(box_blur(img), 2)), 0);
}

TEST(TiledUpscale, TileCountMatchesTheModelCalls) {
  struct Case {
    int height, width, multiple, tile, pad;
  };
  const Case cases[] = {{45, 67, 1, 16, 3},  {45, 67, 4, 16, 3},  {45, 67, 2, 7, 0},
                        {64, 64, 1, 64, 10}, {65, 64, 1, 64, 10}, {10, 9, 1, 400, 10},
                        {5, 3, 4, 3, 1},     {1, 1, 4, 2, 0},     {100, 30, 2, 0, 5}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.height) + "×" + std::to_string(c.width) + " multiple " +
                 std::to_string(c.multiple) + " tile " + std::to_string(c.tile));
    const int ph = (c.height + c.multiple - 1) / c.multiple * c.multiple;
    const int pw = (c.width + c.multiple - 1) / c.multiple * c.multiple;
    const int expected =
        c.tile == 0 ? 1 : ((ph + c.tile - 1) / c.tile) * ((pw + c.tile - 1) / c.tile);
    EXPECT_EQ(tile_count(c.height, c.width, c.multiple, {c.tile, c.pad}), expected);
    FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 1, c.multiple);
    auto out = upscale_tiled(model, random_image(c.height, c.width, 3), {c.tile, c.pad});
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(int(model.inputs.size()), expected);
  }
}

TEST(TiledUpscale, CallbackSeesEveryTileInOrderBeforeItRuns) {
  const cv::Mat img = random_image(45, 67, 11);
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  const TileOptions options{16, 3};
  const int n = tile_count(45, 67, 1, options);
  ASSERT_EQ(n, 15);
  std::vector<int> indices;
  auto out = upscale_tiled(model, img, options, [&](int i, int count) {
    EXPECT_EQ(count, n);
    EXPECT_EQ(int(model.inputs.size()), i - 1) << "the callback runs before tile " << i;
    indices.push_back(i);
    return true;
  });
  ASSERT_TRUE(out.ok()) << out.error().message;
  std::vector<int> expected(n);
  for (int i = 0; i < n; ++i) expected[i] = i + 1;
  EXPECT_EQ(indices, expected);
}

TEST(TiledUpscale, ReturningFalseCancelsAndStopsCallingTheModel) {
  const cv::Mat img = random_image(45, 67, 12);
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  int callbacks = 0;
  auto out = upscale_tiled(model, img, {16, 3}, [&](int i, int) {
    ++callbacks;
    return i < 3;
  });
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("cancelled"), std::string::npos) << out.error().message;
  EXPECT_EQ(model.inputs.size(), 2u);
  EXPECT_EQ(callbacks, 3);
}

TEST(TiledUpscale, ModelErrorComesOut) {
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  model.error = "device lost";
  auto out = upscale_tiled(model, random_image(20, 20, 1), {8, 2});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.error().message, "device lost");
  EXPECT_EQ(model.inputs.size(), 1u);
}

TEST(TiledUpscale, ModelOutputOfTheWrongSizeIsAProgrammerError) {
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  model.wrong_size = true;
  EXPECT_THROW((void)upscale_tiled(model, random_image(20, 20, 1), {8, 2}), std::logic_error);
}

// Output pixel (y, x) comes from input pixel (y/s, x/s); is that input pixel within one pixel
// (the blur's radius) of a seam between two tiles?
bool next_to_seam(int iy, int ix, int rows, int cols, int tile) {
  const auto near = [tile](int v, int size) {
    return (v % tile == 0 && v > 0) || (v % tile == tile - 1 && v < size - 1);
  };
  return near(iy, rows) || near(ix, cols);
}

TEST(TiledUpscale, NeighbourhoodModelShowsSeamsWithoutPadAndNoneWithEnoughPad) {
  const int s = 2, tile = 16, rows = 45, cols = 67;
  const cv::Mat img = random_image(rows, cols, 21);
  const cv::Mat expected = nearest_upscale(box_blur(img), s);
  {
    FakeUpscaler model(FakeUpscaler::Kind::box_blur, s);
    auto out = upscale_tiled(model, img, {tile, 0});
    ASSERT_TRUE(out.ok()) << out.error().message;
    ASSERT_EQ(out->size(), expected.size());
    int differing = 0, misplaced = 0;
    for (int y = 0; y < out->rows; ++y)
      for (int x = 0; x < out->cols; ++x)
        if (out->at<cv::Vec3b>(y, x) != expected.at<cv::Vec3b>(y, x)) {
          ++differing;
          if (!next_to_seam(y / s, x / s, rows, cols, tile)) ++misplaced;
        }
    EXPECT_GT(differing, 100) << "pad 0 must show the tile seams of a neighbourhood model";
    EXPECT_EQ(misplaced, 0) << "differences away from the seams";
  }
  for (const int pad : {1, 3, 10}) {
    SCOPED_TRACE("pad " + std::to_string(pad));
    FakeUpscaler model(FakeUpscaler::Kind::box_blur, s);
    auto out = upscale_tiled(model, img, {tile, pad});
    ASSERT_TRUE(out.ok()) << out.error().message;
    // Tiles are clipped to the image, so at the image's border the model sees the same border
    // as on the whole image: equal everywhere.
    EXPECT_EQ(max_diff(*out, expected), 0);
  }
}

TEST(TiledUpscale, InputMultipleGetsOnlyMultiplesAndIsCroppedBack) {
  struct Model {
    int scale, multiple;
  };
  for (const Model m : {Model{2, 2}, Model{1, 4}, Model{4, 4}}) {
    for (const cv::Size size :
         {cv::Size(67, 45), cv::Size(45, 67), cv::Size(13, 9), cv::Size(3, 2), cv::Size(1, 1)}) {
      for (const int tile : {0, 7, 13, 16}) {
        for (const int pad : {0, 3, 5}) {
          SCOPED_TRACE("scale " + std::to_string(m.scale) + " multiple " +
                       std::to_string(m.multiple) + ", " + std::to_string(size.width) + "×" +
                       std::to_string(size.height) + ", tile " + std::to_string(tile) + " pad " +
                       std::to_string(pad));
          const cv::Mat img = random_image(size.height, size.width, tile * 31 + pad);
          FakeUpscaler model(FakeUpscaler::Kind::per_pixel, m.scale, m.multiple);
          auto out = upscale_tiled(model, img, {tile, pad});
          ASSERT_TRUE(out.ok()) << out.error().message;
          EXPECT_EQ(out->size(), cv::Size(size.width * m.scale, size.height * m.scale));
          EXPECT_EQ(max_diff(*out, nearest_upscale(map_pixels(img), m.scale)), 0);
          EXPECT_EQ(int(model.inputs.size()),
                    tile_count(size.height, size.width, m.multiple, {tile, pad}));
        }
      }
    }
  }
}

// With an input multiple the whole image is reflect-padded (mirrored without repeating the
// edge) at the bottom and right before tiling; a neighbourhood model sees that padding.
TEST(TiledUpscale, InputMultiplePadsByReflectionAndTilesMatchTheWholeImage) {
  const int s = 2, multiple = 4, rows = 45, cols = 67;  // padded to 48 × 68
  const cv::Mat img = random_image(rows, cols, 5);
  cv::Mat padded;
  cv::copyMakeBorder(img, padded, 0, 3, 0, 1, cv::BORDER_REFLECT_101);
  const cv::Mat expected =
      nearest_upscale(box_blur(padded), s)(cv::Rect(0, 0, cols * s, rows * s)).clone();
  for (const int tile : {0, 7, 16}) {
    SCOPED_TRACE("tile " + std::to_string(tile));
    FakeUpscaler model(FakeUpscaler::Kind::box_blur, s, multiple);
    auto out = upscale_tiled(model, img, {tile, 1});
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(max_diff(*out, expected), 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Alignment.

// The template scaled by `scale`, rotated by `degrees` about the origin and moved by (dx, dy).
FaceLandmarks moved_template(double scale, double dx, double dy, double degrees = 0) {
  const double c = std::cos(degrees * CV_PI / 180), s = std::sin(degrees * CV_PI / 180);
  FaceLandmarks out{};
  for (int i = 0; i < 5; ++i) {
    const double x = kTemplate[i][0], y = kTemplate[i][1];
    out[i] = {float(scale * (c * x - s * y) + dx), float(scale * (s * x + c * y) + dy)};
  }
  return out;
}

cv::Point2d apply(const cv::Mat& m, double x, double y) {
  return {m.at<double>(0, 0) * x + m.at<double>(0, 1) * y + m.at<double>(0, 2),
          m.at<double>(1, 0) * x + m.at<double>(1, 1) * y + m.at<double>(1, 2)};
}

void expect_matrix_near(const cv::Mat& m, const double (&expected)[2][3], double tolerance) {
  ASSERT_EQ(m.rows, 2);
  ASSERT_EQ(m.cols, 3);
  ASSERT_EQ(m.type(), CV_64F);
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c)
      EXPECT_NEAR(m.at<double>(r, c), expected[r][c], tolerance) << "at (" << r << ", " << c << ")";
}

TEST(FaceAlign, TemplateLandmarksGiveTheIdentity) {
  const double identity[2][3] = {{1, 0, 0}, {0, 1, 0}};
  expect_matrix_near(estimate_face_alignment(kTemplate), identity, 1e-3);
}

TEST(FaceAlign, ScaledAndShiftedTemplateGivesTheInverseSimilarity) {
  // landmarks = 0.5·T + (100, 50)  ⇒  T = 2·landmarks − (200, 100).
  const double expected[2][3] = {{2, 0, -200}, {0, 2, -100}};
  expect_matrix_near(estimate_face_alignment(moved_template(0.5, 100, 50)), expected, 1e-3);
}

TEST(FaceAlign, RotatedTemplateMapsBackOntoTheTemplate) {
  const FaceLandmarks landmarks = moved_template(0.3, 400, -20, 25);
  const cv::Mat m = estimate_face_alignment(landmarks);
  ASSERT_FALSE(m.empty());
  for (int i = 0; i < 5; ++i) {
    const cv::Point2d p = apply(m, landmarks[i][0], landmarks[i][1]);
    EXPECT_NEAR(p.x, kTemplate[i][0], 1e-2) << "landmark " << i;
    EXPECT_NEAR(p.y, kTemplate[i][1], 1e-2) << "landmark " << i;
  }
  // A similarity: [[a, −b], [b, a]] with scale √(a² + b²) = 1/0.3.
  EXPECT_NEAR(m.at<double>(0, 0), m.at<double>(1, 1), 1e-4);
  EXPECT_NEAR(m.at<double>(0, 1), -m.at<double>(1, 0), 1e-4);
  EXPECT_NEAR(std::hypot(m.at<double>(0, 0), m.at<double>(1, 0)), 1 / 0.3, 1e-3);
}

TEST(FaceAlign, OneWrongLandmarkDoesNotMoveTheFit) {
  // Least-median fitting: four exact landmarks out of five fix the similarity; a least-squares
  // fit would be pulled by the fifth.
  FaceLandmarks landmarks = moved_template(0.5, 100, 50);
  landmarks[4][0] += 30, landmarks[4][1] -= 25;
  const double expected[2][3] = {{2, 0, -200}, {0, 2, -100}};
  expect_matrix_near(estimate_face_alignment(landmarks), expected, 1e-3);
}

TEST(FaceAlign, DegenerateLandmarksGiveAnEmptyMatrix) {
  FaceLandmarks same{};
  for (auto& p : same) p = {120.5f, 80.25f};
  EXPECT_TRUE(estimate_face_alignment(same).empty());
  FaceLandmarks zeros{};
  EXPECT_TRUE(estimate_face_alignment(zeros).empty());
}

TEST(FaceAlign, PasteTransformInvertsScalesAndShiftsHalfAPixelAboveOne) {
  // image → crop: rotate 20°, scale 3, move.
  const double c = 3 * std::cos(20 * CV_PI / 180), s = 3 * std::sin(20 * CV_PI / 180);
  const cv::Mat alignment = (cv::Mat_<double>(2, 3) << c, -s, -150, s, c, 40);
  const cv::Point2d image_points[] = {{0, 0}, {10, 20}, {123.5, 77.25}, {-5, 300}};
  for (const double u : {1.0, 1.5, 2.0, 4.0}) {
    SCOPED_TRACE("upscale " + std::to_string(u));
    const cv::Mat t = paste_transform(alignment, u);
    ASSERT_EQ(t.type(), CV_64F);
    ASSERT_EQ(t.size(), cv::Size(3, 2));
    const double offset = u > 1 ? 0.5 * u : 0.0;
    for (const cv::Point2d& p : image_points) {
      const cv::Point2d crop = apply(alignment, p.x, p.y);
      const cv::Point2d back = apply(t, crop.x, crop.y);
      EXPECT_NEAR(back.x, u * p.x + offset, 1e-9);
      EXPECT_NEAR(back.y, u * p.y + offset, 1e-9);
    }
  }
  // The alignment itself is left as it was.
  EXPECT_DOUBLE_EQ(alignment.at<double>(0, 2), -150);
}

TEST(FaceAlign, WarpGivesA512CropWithTheSpecBorderColour) {
  const cv::Mat img(100, 120, CV_8UC3, cv::Scalar(10, 20, 30));
  const cv::Mat alignment = (cv::Mat_<double>(2, 3) << 1, 0, 0, 0, 1, 0);
  const cv::Mat crop = warp_aligned_face(img, alignment);
  ASSERT_EQ(crop.size(), cv::Size(kAlignedFaceSize, kAlignedFaceSize));
  ASSERT_EQ(crop.type(), CV_8UC3);
  EXPECT_EQ(crop.at<cv::Vec3b>(50, 60), cv::Vec3b(10, 20, 30));
  EXPECT_EQ(crop.at<cv::Vec3b>(300, 300), cv::Vec3b(135, 133, 132));
  EXPECT_EQ(crop.at<cv::Vec3b>(50, 500), cv::Vec3b(135, 133, 132));
}

// ---------------------------------------------------------------------------------------------
// Paste and composite.

// A face whose 512² crop covers the image square of side `size` at (x, y) (no rotation).
cv::Mat square_alignment(double x, double y, double size) {
  const double k = kAlignedFaceSize / size;
  return (cv::Mat_<double>(2, 3) << k, 0, -k * x, 0, k, -k * y);
}

RestoredFace flat_face(const cv::Mat& alignment, int grey) {
  RestoredFace f;
  f.alignment = alignment;
  f.crop = cv::Mat(kAlignedFaceSize, kAlignedFaceSize, CV_8UC3, cv::Scalar::all(255 - grey));
  f.restored = cv::Mat(kAlignedFaceSize, kAlignedFaceSize, CV_8UC3, cv::Scalar::all(grey));
  return f;
}

// Step 6 of the spec, literally, on the whole canvas.
cv::Mat spec_composite(const cv::Mat& background, const std::vector<RestoredFace>& faces,
                       double u) {
  cv::Mat canvas;
  background.convertTo(canvas, CV_32F);
  for (const RestoredFace& face : faces) {
    cv::Mat inv;
    cv::invertAffineTransform(face.alignment, inv);
    inv *= u;
    if (u > 1) inv.at<double>(0, 2) += 0.5 * u, inv.at<double>(1, 2) += 0.5 * u;
    cv::Mat f, m0, m1, m2, mask;
    cv::warpAffine(face.restored, f, inv, canvas.size());
    cv::warpAffine(cv::Mat::ones(face.restored.size(), CV_32F), m0, inv, canvas.size());
    const int k = int(2 * u);
    cv::erode(m0, m1, cv::Mat::ones(k, k, CV_8U));
    const int e = int(std::sqrt(cv::sum(m1)[0])) / 20;
    cv::erode(m1, m2, 2 * e > 0 ? cv::Mat(cv::Mat::ones(2 * e, 2 * e, CV_8U)) : cv::Mat());
    cv::GaussianBlur(m2, mask, cv::Size(2 * e + 1, 2 * e + 1), 0);
    f.convertTo(f, CV_32F);
    for (int y = 0; y < canvas.rows; ++y)
      for (int x = 0; x < canvas.cols; ++x) {
        const float a = mask.at<float>(y, x), e1 = m1.at<float>(y, x);
        cv::Vec3f& b = canvas.at<cv::Vec3f>(y, x);
        const cv::Vec3f& p = f.at<cv::Vec3f>(y, x);
        for (int c = 0; c < 3; ++c) b[c] = a * (e1 * p[c]) + (1 - a) * b[c];
      }
  }
  cv::Mat out(canvas.size(), CV_8UC3);
  for (int y = 0; y < canvas.rows; ++y)
    for (int x = 0; x < canvas.cols; ++x)
      for (int c = 0; c < 3; ++c)
        out.at<cv::Vec3b>(y, x)[c] =
            uint8_t(std::clamp(canvas.at<cv::Vec3f>(y, x)[c], 0.0f, 255.0f));
  return out;
}

TEST(Composite, FlatFaceOnBlackHasASoftMonotoneEdge) {
  for (const double u : {1.0, 2.0}) {
    SCOPED_TRACE("upscale " + std::to_string(u));
    // The face covers the image square (100, 60)–(228, 188): in the background (u×) it is
    // about u·128 wide around the centre u·(164, 124).
    const cv::Mat background(int(250 * u), int(320 * u), CV_8UC3, cv::Scalar::all(0));
    const std::vector<RestoredFace> faces = {flat_face(square_alignment(100, 60, 128), 200)};
    const cv::Mat out = composite(background, faces, u);
    ASSERT_EQ(out.size(), background.size());
    ASSERT_EQ(out.type(), CV_8UC3);
    const int cx = int(164 * u), cy = int(124 * u), half = int(64 * u);
    // Deep inside: the face's colour. The blurred mask is 1 only up to float rounding
    // (0.99999994·200 truncates to 199, as the reference's float32 arithmetic does).
    const cv::Rect inside(cx - half / 3, cy - half / 3, 2 * (half / 3), 2 * (half / 3));
    EXPECT_LE(max_diff(out(inside), cv::Mat(inside.size(), CV_8UC3, cv::Scalar::all(200))), 1);
    // Far away (more than 10 px outside the face's square): untouched.
    const cv::Rect near(cx - half - 10, cy - half - 10, 2 * half + 20, 2 * half + 20);
    int changed = 0;
    for (int y = 0; y < out.rows; ++y)
      for (int x = 0; x < out.cols; ++x)
        if (!near.contains({x, y}) && out.at<cv::Vec3b>(y, x) != background.at<cv::Vec3b>(y, x))
          ++changed;
    EXPECT_EQ(changed, 0) << "pixels far from the face changed";
    // From the centre outward along the four axes: 200, then non-increasing, then 0, with a
    // soft edge of several in-between values.
    const int dirs[4][2] = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}};
    for (const auto& d : dirs) {
      std::vector<int> line;
      for (int t = 0; t <= half + 10; ++t)
        line.push_back(out.at<cv::Vec3b>(cy + d[1] * t, cx + d[0] * t)[0]);
      EXPECT_GE(line.front(), 199);
      EXPECT_EQ(line.back(), 0);
      int between = 0;
      for (size_t i = 1; i < line.size(); ++i) {
        EXPECT_LE(line[i], line[i - 1])
            << "not monotone at " << i << " along (" << d[0] << ", " << d[1] << ")";
        if (line[i] > 0 && line[i] < 199) ++between;
      }
      EXPECT_GE(between, 4) << "the edge is not soft";
    }
  }
}

TEST(Composite, ExcludedFacesLeaveTheBackgroundUnchanged) {
  const cv::Mat background = random_image(200, 240, 9);
  const std::vector<RestoredFace> faces = {flat_face(square_alignment(20, 10, 64), 200)};
  EXPECT_EQ(max_diff(composite(background, faces, 2.0, {false}), background), 0);
  EXPECT_EQ(max_diff(composite(background, {}, 2.0), background), 0);
  EXPECT_GT(max_diff(composite(background, faces, 2.0, {true}), background), 0);
  EXPECT_THROW(composite(background, faces, 2.0, {true, false}), std::logic_error);
}

TEST(Composite, PasteRegionHoldsTheFaceAndStaysInTheCanvas) {
  const cv::Size canvas(640, 480);
  // The image square (100, 60)–(164, 124) at ×2 (+1 of the half-pixel shift): (201, 121)–(329,
  // 249).
  const cv::Mat t = paste_transform(square_alignment(100, 60, 64), 2.0);
  const cv::Rect region = paste_region(t, {kAlignedFaceSize, kAlignedFaceSize}, 2.0, canvas);
  EXPECT_EQ(region & cv::Rect(201, 121, 128, 128), cv::Rect(201, 121, 128, 128)) << region;
  EXPECT_EQ(region & cv::Rect({0, 0}, canvas), region);
  EXPECT_LT(region.area(), 4 * 128 * 128) << region;
  // Cut by the canvas's corner; wholly outside.
  const cv::Mat corner = paste_transform(square_alignment(-30, -30, 64), 2.0);
  EXPECT_EQ(paste_region(corner, {kAlignedFaceSize, kAlignedFaceSize}, 2.0, canvas).tl(),
            cv::Point(0, 0));
  const cv::Mat outside = paste_transform(square_alignment(-1000, 50, 64), 2.0);
  EXPECT_TRUE(paste_region(outside, {kAlignedFaceSize, kAlignedFaceSize}, 2.0, canvas).empty());
  const cv::Mat background = random_image(canvas.height, canvas.width, 3);
  EXPECT_EQ(max_diff(composite(background, {flat_face(square_alignment(-1000, 50, 64), 200)}, 2.0),
                     background),
            0);
}

TEST(Composite, LaterFacesWinWhereFacesOverlap) {
  const double u = 2.0;
  const cv::Mat background(300, 400, CV_8UC3, cv::Scalar::all(0));
  // Image squares (20, 20)–(120, 120) and (70, 20)–(170, 120): overlap x 70–120.
  const RestoredFace a = flat_face(square_alignment(20, 20, 100), 100);
  const RestoredFace b = flat_face(square_alignment(70, 20, 100), 200);
  const auto at = [&](const cv::Mat& img, double ix, double iy) {
    return int(img.at<cv::Vec3b>(int(iy * u), int(ix * u))[1]);
  };
  const cv::Mat ab = composite(background, {a, b}, u);
  EXPECT_NEAR(at(ab, 40, 70), 100, 1);   // a only
  EXPECT_NEAR(at(ab, 95, 70), 200, 1);   // both: b was pasted last
  EXPECT_NEAR(at(ab, 150, 70), 200, 1);  // b only
  const cv::Mat ba = composite(background, {b, a}, u);
  EXPECT_NEAR(at(ba, 40, 70), 100, 1);
  EXPECT_NEAR(at(ba, 95, 70), 100, 1);  // both: a was pasted last
  EXPECT_NEAR(at(ba, 150, 70), 200, 1);
  EXPECT_EQ(at(ab, 190, 70), 0);
  // Only one face: a keeps its colour where b would have gone.
  EXPECT_NEAR(at(composite(background, {a, b}, u, {true, false}), 95, 70), 100, 1);
}

TEST(Composite, MatchesTheSpecComputedOnTheWholeCanvas) {
  const cv::Mat image = random_image(100, 120, 17);
  // A rotated face, one cut by the top-left corner, one cut by the bottom-right corner, one
  // small (soft edge e = 0).
  std::vector<RestoredFace> faces;
  const std::vector<cv::Mat> alignments = {
      estimate_face_alignment(moved_template(0.15, 40, -5, 15)),
      square_alignment(-20, -15, 60),
      square_alignment(90, 70, 50),
      square_alignment(50, 50, 16),
  };
  for (size_t i = 0; i < alignments.size(); ++i) {
    ASSERT_FALSE(alignments[i].empty());
    RestoredFace f;
    f.alignment = alignments[i];
    f.restored = random_image(kAlignedFaceSize, kAlignedFaceSize, 100 + i);
    cv::GaussianBlur(f.restored, f.restored, cv::Size(31, 31), 0);  // smooth, like a face
    faces.push_back(f);
  }
  for (const double u : {1.0, 1.5, 2.0, 3.0}) {
    SCOPED_TRACE("upscale " + std::to_string(u));
    cv::Mat background;
    cv::resize(image, background, cv::Size(int(image.cols * u), int(image.rows * u)), 0, 0,
               cv::INTER_LINEAR);
    const cv::Mat expected = spec_composite(background, faces, u);
    const cv::Mat out = composite(background, faces, u);
    // Warping a box instead of the whole canvas may move a sample by a fixed-point step.
    EXPECT_LE(max_diff(out, expected), 2);
    cv::Mat diff;
    cv::absdiff(out, expected, diff);
    EXPECT_LT(cv::mean(diff)[0], 0.05);
  }
}

// ---------------------------------------------------------------------------------------------
// Pipeline with fake models.

struct ModelLog {
  int detect_calls = 0;
  int restore_calls = 0;
  std::vector<cv::Mat> restore_inputs;
};

class FakeDetector : public FaceDetector {
 public:
  FakeDetector(std::vector<DetectedFace> faces, ModelLog* log)
      : faces_(std::move(faces)), log_(log) {}
  std::string describe() const override { return "fake detector"; }
  Result<std::vector<DetectedFace>> detect(const cv::Mat& bgr) override {
    ++log_->detect_calls;
    EXPECT_EQ(bgr.type(), CV_8UC3);
    if (!error.empty()) return Error{error};
    return faces_;
  }
  std::string error;

 private:
  std::vector<DetectedFace> faces_;
  ModelLog* log_;
};

// Inverts the colours.
class FakeRestorer : public FaceRestorer {
 public:
  explicit FakeRestorer(ModelLog* log, std::string error = {})
      : log_(log), error_(std::move(error)) {}
  std::string describe() const override { return "fake restorer"; }
  Result<cv::Mat> restore(const cv::Mat& aligned) override {
    ++log_->restore_calls;
    log_->restore_inputs.push_back(aligned.clone());
    EXPECT_EQ(aligned.size(), cv::Size(kAlignedFaceSize, kAlignedFaceSize));
    EXPECT_EQ(aligned.type(), CV_8UC3);
    if (!error_.empty()) return Error{error_};
    return cv::Mat(cv::Scalar::all(255) - aligned);
  }

 private:
  ModelLog* log_;
  std::string error_;
};

// A detection of a face whose 512² crop is the image square of side `size` at (x, y).
DetectedFace face_at(float x, float y, float size, float score = 0.99f) {
  DetectedFace f;
  f.box = {x, y, x + size, y + size};
  f.score = score;
  f.landmarks = moved_template(size / kAlignedFaceSize, x, y);
  return f;
}

std::string describe(const ProgressEvent& e) {
  return std::string(stage_name(e.stage)) + " " + std::to_string(e.index) + "/" +
         std::to_string(e.count);
}

struct PipelineRun {
  Result<Restoration> result = Error{"not run"};
  std::vector<std::string> events;
};

PipelineRun run_pipeline(Pipeline& pipeline, const cv::Mat& bgr,
                         std::function<void(const ProgressEvent&)> hook = {},
                         const std::atomic<bool>* cancel = nullptr) {
  PipelineRun run;
  RunControl control;
  control.cancel = cancel;
  control.on_progress = [&](const ProgressEvent& e) {
    run.events.push_back(describe(e));
    if (hook) hook(e);
  };
  run.result = pipeline.process(bgr, control);
  return run;
}

PipelineModels face_models(std::vector<DetectedFace> faces, ModelLog* log,
                           std::unique_ptr<ImageUpscaler> background = nullptr) {
  PipelineModels models;
  models.detector = std::make_unique<FakeDetector>(std::move(faces), log);
  models.restorer = std::make_unique<FakeRestorer>(log);
  models.background = std::move(background);
  return models;
}

TEST(PipelineStages, StageNames) {
  EXPECT_STREQ(stage_name(Stage::read), "read");
  EXPECT_STREQ(stage_name(Stage::detect), "detect");
  EXPECT_STREQ(stage_name(Stage::align), "align");
  EXPECT_STREQ(stage_name(Stage::restore), "restore");
  EXPECT_STREQ(stage_name(Stage::background), "background");
  EXPECT_STREQ(stage_name(Stage::paste), "paste");
  EXPECT_STREQ(stage_name(Stage::write), "write");
}

TEST(PipelineProcess, ReportsEveryStageWithItsCounts) {
  ModelLog log;
  PipelineOptions options;
  options.upscale = 2.0;
  Pipeline pipeline(face_models({face_at(20, 20, 64), face_at(110, 60, 80)}, &log), options);
  const cv::Mat img = random_image(160, 200, 4);
  PipelineRun run = run_pipeline(pipeline, img);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  EXPECT_EQ(run.events,
            (std::vector<std::string>{"detect 1/1", "align 1/2", "align 2/2", "restore 1/2",
                                      "restore 2/2", "background 1/1", "paste 1/1"}));
  EXPECT_EQ(log.detect_calls, 1);
  EXPECT_EQ(log.restore_calls, 2);
  const Restoration& r = *run.result;
  EXPECT_EQ(r.upscale, 2.0);
  EXPECT_EQ(r.background.size(), cv::Size(400, 320));
  EXPECT_EQ(r.image.size(), cv::Size(400, 320));
  EXPECT_EQ(r.image.type(), CV_8UC3);
  ASSERT_EQ(r.faces.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    const RestoredFace& f = r.faces[i];
    EXPECT_EQ(f.detection.box, (i == 0 ? face_at(20, 20, 64) : face_at(110, 60, 80)).box);
    ASSERT_EQ(f.crop.size(), cv::Size(512, 512));
    EXPECT_EQ(max_diff(f.crop, log.restore_inputs[i]), 0) << "the restorer gets the crop";
    EXPECT_EQ(max_diff(f.restored, cv::Mat(cv::Scalar::all(255) - f.crop)), 0);
    // The alignment maps the face's square onto the crop: a crop pixel is the image's.
    const float x0 = i == 0 ? 20 : 110, y0 = i == 0 ? 20 : 60, side = i == 0 ? 64 : 80;
    const double k = 512 / side;
    EXPECT_NEAR(f.alignment.at<double>(0, 0), k, 1e-3);
    EXPECT_NEAR(f.alignment.at<double>(0, 2), -k * x0, 1e-2);
    EXPECT_NEAR(f.alignment.at<double>(1, 2), -k * y0, 1e-2);
  }
}

TEST(PipelineProcess, ReportsEveryBackgroundTile) {
  ModelLog log;
  PipelineOptions options;
  options.upscale = 2.0;
  options.tiles = {64, 4};
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  Pipeline pipeline(face_models({face_at(20, 20, 64)}, &log, std::move(upscaler)), options);
  const cv::Mat img = random_image(160, 200, 5);
  PipelineRun run = run_pipeline(pipeline, img);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  std::vector<std::string> expected = {"detect 1/1", "align 1/1", "restore 1/1"};
  for (int i = 1; i <= 12; ++i) expected.push_back("background " + std::to_string(i) + "/12");
  expected.push_back("paste 1/1");
  EXPECT_EQ(run.events, expected);
  EXPECT_EQ(model->inputs.size(), 12u);
  // u equals the model's scale: the background is the model's output as it is.
  EXPECT_EQ(max_diff(run.result->background, nearest_upscale(map_pixels(img), 2)), 0);
}

TEST(PipelineProcess, DropsFacesWithSmallEyeDistance) {
  // Eye distance = 125.92·size/512: 4.92 px for size 20, 7.38 px for size 30.
  const std::vector<DetectedFace> faces = {face_at(10, 10, 20), face_at(60, 60, 30)};
  {
    ModelLog log;
    Pipeline pipeline(face_models(faces, &log), {});
    PipelineRun run = run_pipeline(pipeline, random_image(120, 140, 6));
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    ASSERT_EQ(run.result->faces.size(), 1u);
    EXPECT_EQ(run.result->faces[0].detection.box, faces[1].box);
    EXPECT_EQ(log.restore_calls, 1);
    EXPECT_EQ(std::count(run.events.begin(), run.events.end(), "align 1/1"), 1);
  }
  {
    ModelLog log;
    PipelineOptions options;
    options.min_eye_distance = 8;
    Pipeline pipeline(face_models(faces, &log), options);
    PipelineRun run = run_pipeline(pipeline, random_image(120, 140, 6));
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_TRUE(run.result->faces.empty());
    EXPECT_EQ(log.restore_calls, 0);
    EXPECT_EQ(run.events, (std::vector<std::string>{"detect 1/1", "background 1/1", "paste 1/1"}));
    EXPECT_EQ(run.result->image.size(), cv::Size(280, 240));
  }
}

TEST(PipelineProcess, OnlyCenterFaceKeepsTheFaceNearestTheCentre) {
  // Image 300×200 (W×H), centre (150, 100). Box centres: (40, 40); (100, 140), nearest the
  // point (100, 150) that swapping width and height would give; (175, 100), the nearest.
  const std::vector<DetectedFace> faces = {face_at(10, 10, 60, 0.999f), face_at(70, 110, 60, 0.99f),
                                           face_at(145, 70, 60, 0.98f)};
  ModelLog log;
  PipelineOptions options;
  options.only_center_face = true;
  Pipeline pipeline(face_models(faces, &log), options);
  PipelineRun run = run_pipeline(pipeline, random_image(200, 300, 8));
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  ASSERT_EQ(run.result->faces.size(), 1u);
  EXPECT_EQ(run.result->faces[0].detection.box, faces[2].box);
  EXPECT_EQ(log.restore_calls, 1);

  // Off: all three in detection order.
  ModelLog all_log;
  Pipeline all(face_models(faces, &all_log), {});
  PipelineRun all_run = run_pipeline(all, random_image(200, 300, 8));
  ASSERT_TRUE(all_run.result.ok()) << all_run.result.error().message;
  ASSERT_EQ(all_run.result->faces.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(all_run.result->faces[i].detection.box, faces[i].box);
}

TEST(PipelineProcess, PhotoWithoutFacesIsStillUpscaled) {
  const cv::Mat img = random_image(57, 101, 10);
  const cv::Size expected(151, 85);  // ⌊101·1.5⌋ × ⌊57·1.5⌋
  PipelineOptions options;
  options.upscale = 1.5;
  {
    ModelLog log;
    Pipeline pipeline(face_models({}, &log), options);
    PipelineRun run = run_pipeline(pipeline, img);
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_EQ(run.result->image.size(), expected);
    EXPECT_EQ(run.result->background.size(), expected);
    EXPECT_TRUE(run.result->faces.empty());
    EXPECT_EQ(log.restore_calls, 0);
    EXPECT_EQ(log.detect_calls, 1);
    EXPECT_EQ(max_diff(run.result->image, run.result->background), 0);
  }
  {
    // No face models at all: background only, no detect event.
    Pipeline pipeline(PipelineModels{}, options);
    EXPECT_FALSE(pipeline.restores_faces());
    PipelineRun run = run_pipeline(pipeline, img);
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_EQ(run.result->image.size(), expected);
    EXPECT_EQ(run.events, (std::vector<std::string>{"background 1/1", "paste 1/1"}));
  }
  {
    // A ×2 background model, resized to ×1.5 afterwards.
    PipelineModels models;
    models.background = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
    Pipeline pipeline(std::move(models), options);
    PipelineRun run = run_pipeline(pipeline, img);
    ASSERT_TRUE(run.result.ok()) << run.result.error().message;
    EXPECT_EQ(run.result->image.size(), expected);
  }
}

TEST(PipelineProcess, FinalImageHasTheRestoredFacePastedIn) {
  // A flat photo: the crop is flat 60 and the fake restores it to 195.
  const cv::Mat img(160, 200, CV_8UC3, cv::Scalar::all(60));
  ModelLog log;
  Pipeline pipeline(face_models({face_at(50, 40, 96)}, &log), {});
  PipelineRun run = run_pipeline(pipeline, img);
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  const cv::Mat& out = run.result->image;
  ASSERT_EQ(out.size(), cv::Size(400, 320));
  // The face is the image square (50, 40)–(146, 136), at ×2 (100, 80)–(292, 272).
  EXPECT_LE(
      max_diff(out(cv::Rect(150, 130, 90, 90)), cv::Mat(90, 90, CV_8UC3, cv::Scalar::all(195))), 1);
  EXPECT_NEAR(out.at<cv::Vec3b>(5, 5)[0], 60, 1);
  EXPECT_NEAR(out.at<cv::Vec3b>(310, 390)[1], 60, 1);
  EXPECT_NEAR(out.at<cv::Vec3b>(176, 20)[2], 60, 1);
}

TEST(PipelineProcess, SkipsFacesThatCannotBeAligned) {
  DetectedFace degenerate = face_at(10, 10, 60);
  for (auto& p : degenerate.landmarks) p = {30, 30};
  ModelLog log;
  PipelineOptions options;
  options.min_eye_distance = 0;  // keep the degenerate face up to alignment
  Pipeline pipeline(face_models({degenerate, face_at(80, 40, 60)}, &log), options);
  PipelineRun run = run_pipeline(pipeline, random_image(120, 160, 12));
  ASSERT_TRUE(run.result.ok()) << run.result.error().message;
  ASSERT_EQ(run.result->faces.size(), 1u);
  EXPECT_EQ(run.result->faces[0].detection.box, face_at(80, 40, 60).box);
  EXPECT_EQ(log.restore_calls, 1);
  EXPECT_EQ(run.events, (std::vector<std::string>{"detect 1/1", "align 1/2", "align 2/2",
                                                  "restore 1/1", "background 1/1", "paste 1/1"}));
}

TEST(PipelineProcess, CancelDuringRestoreStopsTheRestorer) {
  ModelLog log;
  Pipeline pipeline(face_models({face_at(20, 20, 64), face_at(110, 60, 80)}, &log), {});
  std::atomic<bool> cancel{false};
  PipelineRun run = run_pipeline(
      pipeline, random_image(160, 200, 13),
      [&](const ProgressEvent& e) {
        if (e.stage == Stage::restore && e.index == 1) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(run.result.ok());
  EXPECT_NE(run.result.error().message.find("cancelled"), std::string::npos)
      << run.result.error().message;
  EXPECT_EQ(log.restore_calls, 1);
  EXPECT_EQ(run.events.back(), "restore 1/2");
}

TEST(PipelineProcess, CancelDuringBackgroundStopsTheTiles) {
  ModelLog log;
  PipelineOptions options;
  options.tiles = {32, 2};
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  Pipeline pipeline(face_models({face_at(20, 20, 64)}, &log, std::move(upscaler)), options);
  std::atomic<bool> cancel{false};
  PipelineRun run = run_pipeline(
      pipeline, random_image(100, 100, 14),
      [&](const ProgressEvent& e) {
        if (e.stage == Stage::background && e.index == 2) cancel = true;
      },
      &cancel);
  ASSERT_FALSE(run.result.ok());
  EXPECT_NE(run.result.error().message.find("cancelled"), std::string::npos)
      << run.result.error().message;
  EXPECT_EQ(model->inputs.size(), 2u);
  EXPECT_EQ(run.events.back(), "background 2/16");
}

TEST(PipelineProcess, CancelledBeforeStartingRunsNoNetwork) {
  ModelLog log;
  auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
  FakeUpscaler* model = upscaler.get();
  Pipeline pipeline(face_models({face_at(20, 20, 64)}, &log, std::move(upscaler)), {});
  std::atomic<bool> cancel{true};
  PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 15), {}, &cancel);
  ASSERT_FALSE(run.result.ok());
  EXPECT_NE(run.result.error().message.find("cancelled"), std::string::npos);
  EXPECT_EQ(log.restore_calls, 0);
  EXPECT_TRUE(model->inputs.empty());
}

TEST(PipelineProcess, ModelErrorsComeOut) {
  {
    ModelLog log;
    PipelineModels models;
    models.detector =
        std::make_unique<FakeDetector>(std::vector<DetectedFace>{face_at(20, 20, 64)}, &log);
    models.restorer = std::make_unique<FakeRestorer>(&log, "the face model ran out of memory");
    Pipeline pipeline(std::move(models), {});
    PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 16));
    ASSERT_FALSE(run.result.ok());
    EXPECT_EQ(run.result.error().message, "the face model ran out of memory");
    EXPECT_EQ(log.restore_calls, 1);
  }
  {
    ModelLog log;
    auto detector = std::make_unique<FakeDetector>(std::vector<DetectedFace>{}, &log);
    detector->error = "detector failed";
    PipelineModels models;
    models.detector = std::move(detector);
    models.restorer = std::make_unique<FakeRestorer>(&log);
    Pipeline pipeline(std::move(models), {});
    PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 16));
    ASSERT_FALSE(run.result.ok());
    EXPECT_EQ(run.result.error().message, "detector failed");
  }
  {
    auto upscaler = std::make_unique<FakeUpscaler>(FakeUpscaler::Kind::per_pixel, 2);
    upscaler->error = "background model failed";
    PipelineModels models;
    models.background = std::move(upscaler);
    Pipeline pipeline(std::move(models), {});
    PipelineRun run = run_pipeline(pipeline, random_image(100, 100, 16));
    ASSERT_FALSE(run.result.ok());
    EXPECT_EQ(run.result.error().message, "background model failed");
  }
}

TEST(PipelineProcess, RestorerWithoutDetectorIsAProgrammerError) {
  ModelLog log;
  PipelineModels models;
  models.restorer = std::make_unique<FakeRestorer>(&log);
  Pipeline pipeline(std::move(models), {});
  EXPECT_THROW((void)pipeline.process(random_image(20, 20, 1)), std::logic_error);
}

TEST(PipelineRestoreAligned, ResizesToTheAlignedSizeBeforeRestoring) {
  ModelLog log;
  Pipeline pipeline(face_models({}, &log), {});
  const cv::Mat small = random_image(256, 256, 18);
  std::vector<std::string> events;
  RunControl control;
  control.on_progress = [&](const ProgressEvent& e) { events.push_back(describe(e)); };
  auto out = pipeline.restore_aligned(small, control);
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(log.restore_calls, 1);
  ASSERT_EQ(log.restore_inputs[0].size(), cv::Size(512, 512));
  cv::Mat resized;
  cv::resize(small, resized, cv::Size(512, 512), 0, 0, cv::INTER_LINEAR);
  EXPECT_EQ(max_diff(log.restore_inputs[0], resized), 0);
  EXPECT_EQ(out->size(), cv::Size(512, 512));
  EXPECT_EQ(max_diff(*out, cv::Mat(cv::Scalar::all(255) - resized)), 0);
  EXPECT_EQ(events, (std::vector<std::string>{"restore 1/1"}));
  EXPECT_EQ(log.detect_calls, 0);

  // A 512² face goes in as it is.
  const cv::Mat full = random_image(512, 512, 19);
  ASSERT_TRUE(pipeline.restore_aligned(full).ok());
  EXPECT_EQ(max_diff(log.restore_inputs[1], full), 0);
}

TEST(PipelineRestoreAligned, ErrorsAndCancelling) {
  Pipeline background_only(PipelineModels{}, {});
  EXPECT_FALSE(background_only.restore_aligned(random_image(512, 512, 1)).ok());

  ModelLog log;
  Pipeline pipeline(face_models({}, &log), {});
  std::atomic<bool> cancel{true};
  RunControl control;
  control.cancel = &cancel;
  auto out = pipeline.restore_aligned(random_image(512, 512, 1), control);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("cancelled"), std::string::npos);
  EXPECT_EQ(log.restore_calls, 0);
}

// ---------------------------------------------------------------------------------------------
// Outputs.

TEST(OutputsPaths, RestoredImagePath) {
  OutputSettings s;
  s.folder = "out";
  EXPECT_EQ(restored_image_path("in/photo.jpg", s), fs::path("out/restored_imgs/photo.jpg"));
  EXPECT_EQ(restored_image_path("in/photo", s), fs::path("out/restored_imgs/photo.png"));
  s.ext = "png";
  EXPECT_EQ(restored_image_path("in/photo.jpg", s), fs::path("out/restored_imgs/photo.png"));
  s.suffix = "v1";
  EXPECT_EQ(restored_image_path("in/photo.jpg", s), fs::path("out/restored_imgs/photo_v1.png"));
  s.ext = "auto";
  EXPECT_EQ(restored_image_path("a.b/my.photo.jpg", s),
            fs::path("out/restored_imgs/my.photo_v1.jpg"));
}

TEST(OutputsPaths, AlignedFacePath) {
  OutputSettings s;
  s.folder = "out";
  EXPECT_EQ(aligned_face_path("in/face.jpg", s), fs::path("out/restored_faces/face.png"));
  s.suffix = "v1";
  s.ext = "jpg";
  EXPECT_EQ(aligned_face_path("in/face.jpg", s), fs::path("out/restored_faces/face_v1.png"));
}

Restoration sample_restoration() {
  Restoration r;
  r.upscale = 2;
  r.image = random_image(80, 100, 30);
  r.background = r.image.clone();
  for (int i = 0; i < 2; ++i) {
    RestoredFace f;
    f.crop = random_image(512, 512, 31 + i);
    f.restored = random_image(512, 512, 41 + i);
    f.alignment = square_alignment(10 * i, 10, 40);
    r.faces.push_back(f);
  }
  return r;
}

cv::Mat read_back(const fs::path& p) {
  auto img = read_image_bgr(p);
  EXPECT_TRUE(img.ok()) << p << ": " << (img.ok() ? "" : img.error().message);
  return img.ok() ? *img : cv::Mat();
}

TEST(OutputsWrite, WritesGfpganLayout) {
  TempDir dir;
  const Restoration r = sample_restoration();
  OutputSettings s;
  s.folder = dir.path() / "results";
  auto written = write_restoration(r, "/somewhere/photo.png", s);
  ASSERT_TRUE(written.ok()) << written.error().message;
  const fs::path o = s.folder;
  std::vector<fs::path> expected = {o / "restored_imgs" / "photo.png"};
  for (const char* nn : {"00", "01"}) {
    const std::string name = std::string("photo_") + nn + ".png";
    expected.push_back(o / "cropped_faces" / name);
    expected.push_back(o / "restored_faces" / name);
    expected.push_back(o / "cmp" / name);
  }
  std::vector<fs::path> got = *written;
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(got, expected);
  for (const fs::path& p : expected) EXPECT_TRUE(fs::is_regular_file(p)) << p;

  EXPECT_EQ(max_diff(read_back(o / "restored_imgs" / "photo.png"), r.image), 0);
  for (int i = 0; i < 2; ++i) {
    const std::string name = "photo_0" + std::to_string(i) + ".png";
    EXPECT_EQ(max_diff(read_back(o / "cropped_faces" / name), r.faces[i].crop), 0);
    EXPECT_EQ(max_diff(read_back(o / "restored_faces" / name), r.faces[i].restored), 0);
    const cv::Mat cmp = read_back(o / "cmp" / name);
    ASSERT_EQ(cmp.size(), cv::Size(1024, 512));
    EXPECT_EQ(max_diff(cmp(cv::Rect(0, 0, 512, 512)), r.faces[i].crop), 0);
    EXPECT_EQ(max_diff(cmp(cv::Rect(512, 0, 512, 512)), r.faces[i].restored), 0);
  }
  // Nothing else: no temporary files, no third face.
  int files = 0;
  for (const auto& e : fs::recursive_directory_iterator(o)) files += e.is_regular_file();
  EXPECT_EQ(files, 7);
}

TEST(OutputsWrite, SuffixAndJpegInput) {
  TempDir dir;
  Restoration r = sample_restoration();
  r.faces.resize(1);
  OutputSettings s;
  s.folder = dir.path();
  s.suffix = "v1";
  auto written = write_restoration(r, "photo.jpg", s);
  ASSERT_TRUE(written.ok()) << written.error().message;
  const fs::path o = dir.path();
  EXPECT_TRUE(fs::is_regular_file(o / "restored_imgs" / "photo_v1.jpg"));
  EXPECT_TRUE(fs::is_regular_file(o / "cropped_faces" / "photo_00.png"));
  EXPECT_TRUE(fs::is_regular_file(o / "restored_faces" / "photo_00_v1.png"));
  EXPECT_TRUE(fs::is_regular_file(o / "cmp" / "photo_00.png"));
  EXPECT_FALSE(fs::exists(o / "restored_faces" / "photo_00.png"));
  EXPECT_EQ(written->size(), 4u);
  const cv::Mat final_image = read_back(o / "restored_imgs" / "photo_v1.jpg");
  EXPECT_EQ(final_image.size(), r.image.size());
  EXPECT_EQ(read_back(o / "cmp" / "photo_00.png").cols, 1024);
}

TEST(OutputsWrite, UpperCaseExtensionIsKeptAndWritten) {
  TempDir dir;
  Restoration r = sample_restoration();
  r.faces.clear();
  OutputSettings s;
  s.folder = dir.path();
  auto written = write_restoration(r, "DCIM/IMG_0001.JPG", s);
  ASSERT_TRUE(written.ok()) << written.error().message;
  ASSERT_EQ(written->size(), 1u);
  EXPECT_EQ((*written)[0], dir.path() / "restored_imgs" / "IMG_0001.JPG");
  EXPECT_EQ(read_back((*written)[0]).size(), r.image.size());
}

TEST(OutputsWrite, UnwritableFolderIsAnError) {
  TempDir dir;
  std::ofstream(dir.path() / "file") << "not a folder";
  OutputSettings s;
  s.folder = dir.path() / "file";
  auto written = write_restoration(sample_restoration(), "photo.png", s);
  EXPECT_FALSE(written.ok());
}

}  // namespace
}  // namespace fr::test
