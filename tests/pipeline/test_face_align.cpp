// Face alignment onto the FFHQ template, the paste transform and warp, and the soft-mask
// composite (app/restore/face_align, composite), against the spec computed here.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "app/restore/face_align.h"
#include "app/restore/pipeline.h"
#include "tests/pipeline/pipeline_test_support.h"

namespace fr::test {
namespace {

// ---------------------------------------------------------------------------------------------
// Alignment.

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

// Faces placed by `alignments` whose restored crops are smooth random images (like faces).
std::vector<RestoredFace> smooth_faces(const std::vector<cv::Mat>& alignments, uint64_t seed) {
  std::vector<RestoredFace> faces;
  for (size_t i = 0; i < alignments.size(); ++i) {
    EXPECT_FALSE(alignments[i].empty());
    RestoredFace f;
    f.alignment = alignments[i];
    f.restored = random_image(kAlignedFaceSize, kAlignedFaceSize, seed + i);
    cv::GaussianBlur(f.restored, f.restored, cv::Size(31, 31), 0);
    faces.push_back(f);
  }
  return faces;
}

// composite() of `faces` (those `include` keeps) on `image` upscaled u times, against the
// spec on the whole canvas. Warping a box instead of the whole canvas may move a sample by a
// fixed-point step.
void expect_spec_composite(const cv::Mat& image, const std::vector<RestoredFace>& faces, double u,
                           const std::vector<bool>& include = {}) {
  SCOPED_TRACE("upscale " + std::to_string(u));
  cv::Mat background;
  cv::resize(image, background, cv::Size(int(image.cols * u), int(image.rows * u)), 0, 0,
             cv::INTER_LINEAR);
  std::vector<RestoredFace> kept;
  for (size_t i = 0; i < faces.size(); ++i)
    if (include.empty() || include[i]) kept.push_back(faces[i]);
  const cv::Mat expected = spec_composite(background, kept, u);
  const cv::Mat out = composite(background, faces, u, include);
  EXPECT_LE(max_diff(out, expected), 2);
  cv::Mat diff;
  cv::absdiff(out, expected, diff);
  EXPECT_LT(cv::mean(diff)[0], 0.05);
}

TEST(Composite, MatchesTheSpecComputedOnTheWholeCanvas) {
  const cv::Mat image = random_image(100, 120, 17);
  // A rotated face, one cut by the top-left corner, one cut by the bottom-right corner, one
  // small (soft edge e = 0).
  const std::vector<RestoredFace> faces = smooth_faces(
      {estimate_face_alignment(moved_template(0.15, 40, -5, 15)), square_alignment(-20, -15, 60),
       square_alignment(90, 70, 50), square_alignment(50, 50, 16)},
      100);
  for (const double u : {1.0, 1.5, 2.0, 3.0}) expect_spec_composite(image, faces, u);
}

TEST(Composite, FacesApartInChainsAndAcrossBandsMatchTheSpec) {
  // A chain of three faces (each overlapping the next), a face on its own and one below: at
  // ×2 and ×3 the blend's bands of 256 rows cut through faces and their soft edges.
  const cv::Mat image = random_image(150, 200, 23);
  const std::vector<RestoredFace> faces = smooth_faces(
      {square_alignment(10, 10, 40), square_alignment(140, 90, 45), square_alignment(40, 20, 40),
       square_alignment(70, 30, 40), square_alignment(15, 100, 30)},
      200);
  for (const double u : {1.0, 2.0, 3.0}) {
    expect_spec_composite(image, faces, u);
    expect_spec_composite(image, faces, u, {true, true, false, true, true});  // no chain middle
  }
}

}  // namespace
}  // namespace fr::test
