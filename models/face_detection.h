// RetinaFace's post-processing on the host: anchor priors per
// level, decoding of the box and landmark regressions, the score threshold and greedy NMS.
#pragma once

#include <array>
#include <vector>

#include "core/tensor.h"

namespace fr {

// One face in image pixels.
struct FaceDetection {
  std::array<float, 4> box{};  // x1, y1, x2, y2
  float score = 0.0f;          // face probability, 0…1
  // Left eye, right eye, nose tip, left and right mouth corner (as seen in the image), (x, y).
  std::array<std::array<float, 2>, 5> landmarks{};
};

struct DetectionOptions {
  float score_threshold = 0.97f;  // keep faces scoring above this
  float nms_iou = 0.4f;           // drop a face overlapping a better one by more than this
};

// The head outputs of one pyramid level, downloaded: 2 anchors per cell.
struct DetectionLevel {
  int step = 8;                       // input pixels per cell
  std::array<float, 2> anchor_sizes;  // in input pixels, one per anchor
  HostTensor scores;                  // (1, 4, h, w): per anchor the softmaxed (background, face)
  HostTensor boxes;                   // (1, 8, h, w): per anchor (dx, dy, dw, dh)
  HostTensor landmarks;               // (1, 20, h, w): per anchor five (dx, dy)
};

// RetinaFace's three levels: steps 8, 16, 32 with anchors [16, 32], [64, 128], [256, 512].
std::array<DetectionLevel, 3> retinaface_levels();

// Every anchor of `levels` scoring above the threshold, decoded into the pixels of an
// image_w × image_h input (variances 0.1 and 0.2), then NMS: best score first. A level's maps
// must be ceil(image/step) cells in each direction.
std::vector<FaceDetection> decode_detections(const std::array<DetectionLevel, 3>& levels,
                                             int image_h, int image_w,
                                             const DetectionOptions& options);

// Intersection over union of two boxes (x1, y1, x2, y2), areas counting pixels inclusively:
// (x2 − x1 + 1)·(y2 − y1 + 1), as RetinaFace's NMS does.
float box_iou(const std::array<float, 4>& a, const std::array<float, 4>& b);

// Greedy non-maximum suppression: sorts by score (best first) and keeps a face unless its
// IoU with a kept one exceeds `iou`; areas count pixels inclusively, (x2 − x1 + 1)·(y2 − y1 + 1).
std::vector<FaceDetection> non_maximum_suppression(std::vector<FaceDetection> faces, float iou);

}  // namespace fr
