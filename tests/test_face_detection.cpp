// RetinaFace's host post-processing: priors, decoding, threshold and NMS.
#include <cmath>
#include <stdexcept>

#include <gtest/gtest.h>

#include "models/face_detection.h"

namespace fr::test {
namespace {

// Empty (all-background) maps for an image of h × w.
std::array<DetectionLevel, 3> empty_levels(int h, int w) {
  std::array<DetectionLevel, 3> levels = retinaface_levels();
  for (DetectionLevel& l : levels) {
    const int rows = (h + l.step - 1) / l.step, cols = (w + l.step - 1) / l.step;
    l.scores = HostTensor({1, 4, rows, cols});
    l.boxes = HostTensor({1, 8, rows, cols});
    l.landmarks = HostTensor({1, 20, rows, cols});
  }
  return levels;
}

FaceDetection box(float x1, float y1, float x2, float y2, float score) {
  FaceDetection f;
  f.box = {x1, y1, x2, y2};
  f.score = score;
  return f;
}

}  // namespace

TEST(FaceDetection, ZeroRegressionsGiveThePrior) {
  auto levels = empty_levels(48, 64);       // grids 6×8, 3×4, 2×2
  levels[0].scores.at(0, 3, 2, 3) = 0.99f;  // anchor 1 (size 32) of cell row 2, column 3
  const auto faces = decode_detections(levels, 48, 64, {});
  ASSERT_EQ(faces.size(), 1u);
  const FaceDetection& f = faces[0];
  EXPECT_FLOAT_EQ(f.score, 0.99f);
  // Centre ((3 + 0.5)·8, (2 + 0.5)·8) = (28, 20), size 32.
  EXPECT_NEAR(f.box[0], 12.0f, 1e-4);
  EXPECT_NEAR(f.box[1], 4.0f, 1e-4);
  EXPECT_NEAR(f.box[2], 44.0f, 1e-4);
  EXPECT_NEAR(f.box[3], 36.0f, 1e-4);
  for (const auto& p : f.landmarks) {
    EXPECT_NEAR(p[0], 28.0f, 1e-4);
    EXPECT_NEAR(p[1], 20.0f, 1e-4);
  }
}

TEST(FaceDetection, RegressionsMoveAndScaleWithTheVariances) {
  auto levels = empty_levels(100, 70);  // level 1: grid 7×5, anchors 64 and 128
  DetectionLevel& l = levels[1];
  l.scores.at(0, 1, 1, 2) = 0.98f;  // anchor 0 (64) at row 1, column 2: centre (40, 24)
  l.boxes.at(0, 0, 1, 2) = 1.0f;    // cx += 1·0.1·64
  l.boxes.at(0, 1, 1, 2) = -2.0f;   // cy −= 2·0.1·64
  l.boxes.at(0, 2, 1, 2) = std::log(2.0f) / 0.2f;  // width ×2
  l.landmarks.at(0, 4, 1, 2) = 0.5f;               // nose x += 0.5·0.1·64
  l.landmarks.at(0, 9, 1, 2) = -1.0f;              // right mouth y −= 0.1·64
  const auto faces = decode_detections(levels, 100, 70, {});
  ASSERT_EQ(faces.size(), 1u);
  const FaceDetection& f = faces[0];
  EXPECT_NEAR(f.box[0], 46.4f - 64.0f, 1e-3);
  EXPECT_NEAR(f.box[2], 46.4f + 64.0f, 1e-3);
  EXPECT_NEAR(f.box[1], 11.2f - 32.0f, 1e-3);
  EXPECT_NEAR(f.box[3], 11.2f + 32.0f, 1e-3);
  EXPECT_NEAR(f.landmarks[2][0], 43.2f, 1e-3);
  EXPECT_NEAR(f.landmarks[2][1], 24.0f, 1e-3);
  EXPECT_NEAR(f.landmarks[4][1], 17.6f, 1e-3);
}

TEST(FaceDetection, ScoresMustExceedTheThreshold) {
  auto levels = empty_levels(32, 32);
  levels[2].scores.at(0, 1, 0, 0) = 0.5f;
  levels[2].scores.at(0, 3, 0, 0) = 0.5001f;
  DetectionOptions options;
  options.score_threshold = 0.5f;
  const auto faces = decode_detections(levels, 32, 32, options);
  ASSERT_EQ(faces.size(), 1u);
  EXPECT_FLOAT_EQ(faces[0].score, 0.5001f);
}

TEST(FaceDetection, MapsOfTheWrongSizeAreAProgrammerError) {
  auto levels = empty_levels(48, 64);
  EXPECT_THROW(decode_detections(levels, 48, 72, {}), std::logic_error);
}

// Areas count pixels inclusively: [0,9] is 10 wide. These two overlap by IoU 60/140 ≈ 0.43
// that way (suppressed at 0.4), but by 45/117 ≈ 0.38 with exclusive areas.
TEST(FaceDetection, NmsCountsPixelsInclusively) {
  const auto kept = non_maximum_suppression(
      {box(4, 0, 13, 9, 0.8f), box(0, 0, 9, 9, 0.9f), box(30, 30, 40, 40, 0.85f)}, 0.4f);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_FLOAT_EQ(kept[0].score, 0.9f);  // best first
  EXPECT_FLOAT_EQ(kept[1].score, 0.85f);
  const auto both = non_maximum_suppression({box(5, 0, 14, 9, 0.8f), box(0, 0, 9, 9, 0.9f)}, 0.4f);
  EXPECT_EQ(both.size(), 2u);  // 50/150 ≈ 0.33
}

}  // namespace fr::test
