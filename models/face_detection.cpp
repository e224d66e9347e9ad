#include "models/face_detection.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace fr {

std::array<DetectionLevel, 3> retinaface_levels() {
  std::array<DetectionLevel, 3> levels;
  levels[0].step = 8, levels[0].anchor_sizes = {16, 32};
  levels[1].step = 16, levels[1].anchor_sizes = {64, 128};
  levels[2].step = 32, levels[2].anchor_sizes = {256, 512};
  return levels;
}

std::vector<FaceDetection> decode_detections(const std::array<DetectionLevel, 3>& levels,
                                             int image_h, int image_w,
                                             const DetectionOptions& options) {
  constexpr float kCentreVariance = 0.1f, kSizeVariance = 0.2f;
  const float W = float(image_w), H = float(image_h);
  std::vector<FaceDetection> faces;
  for (const DetectionLevel& level : levels) {
    const int rows = (image_h + level.step - 1) / level.step;
    const int cols = (image_w + level.step - 1) / level.step;
    FR_CHECK(level.scores.shape == (Shape{1, 4, rows, cols}) &&
                 level.boxes.shape == (Shape{1, 8, rows, cols}) &&
                 level.landmarks.shape == (Shape{1, 20, rows, cols}),
             "detection maps of step " + std::to_string(level.step) + " do not fit a " +
                 std::to_string(image_w) + "×" + std::to_string(image_h) + " image");
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < cols; ++j)
        for (int a = 0; a < 2; ++a) {
          const float score = level.scores.at(0, 2 * a + 1, i, j);
          if (!(score > options.score_threshold)) continue;
          // The prior, in units of the image size.
          const float pcx = (float(j) + 0.5f) * float(level.step) / W;
          const float pcy = (float(i) + 0.5f) * float(level.step) / H;
          const float pw = level.anchor_sizes[size_t(a)] / W;
          const float ph = level.anchor_sizes[size_t(a)] / H;
          auto box = [&](int k) { return level.boxes.at(0, 4 * a + k, i, j); };
          const float cx = pcx + box(0) * kCentreVariance * pw;
          const float cy = pcy + box(1) * kCentreVariance * ph;
          const float w = pw * std::exp(box(2) * kSizeVariance);
          const float h = ph * std::exp(box(3) * kSizeVariance);
          FaceDetection f;
          f.score = score;
          f.box = {(cx - w / 2) * W, (cy - h / 2) * H, (cx + w / 2) * W, (cy + h / 2) * H};
          for (int k = 0; k < 5; ++k) {
            const float dx = level.landmarks.at(0, 10 * a + 2 * k, i, j);
            const float dy = level.landmarks.at(0, 10 * a + 2 * k + 1, i, j);
            f.landmarks[size_t(k)] = {(pcx + dx * kCentreVariance * pw) * W,
                                      (pcy + dy * kCentreVariance * ph) * H};
          }
          faces.push_back(f);
        }
  }
  return non_maximum_suppression(std::move(faces), options.nms_iou);
}

float box_iou(const std::array<float, 4>& a, const std::array<float, 4>& b) {
  auto area = [](const std::array<float, 4>& r) {
    return (r[2] - r[0] + 1.0f) * (r[3] - r[1] + 1.0f);
  };
  const float w = std::max(0.0f, std::min(a[2], b[2]) - std::max(a[0], b[0]) + 1.0f);
  const float h = std::max(0.0f, std::min(a[3], b[3]) - std::max(a[1], b[1]) + 1.0f);
  const float inter = w * h;
  return inter / (area(a) + area(b) - inter);
}

std::vector<FaceDetection> non_maximum_suppression(std::vector<FaceDetection> faces, float iou) {
  std::stable_sort(faces.begin(), faces.end(), [](const FaceDetection& a, const FaceDetection& b) {
    return a.score > b.score;
  });
  std::vector<FaceDetection> kept;
  for (const FaceDetection& f : faces) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const FaceDetection& k) {
      return box_iou(f.box, k.box) > iou;
    });
    if (!overlaps) kept.push_back(f);
  }
  return kept;
}

}  // namespace fr
