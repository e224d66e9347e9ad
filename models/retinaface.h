// RetinaFace face detector (../shared/spec/networks.md) with the mobilenet0.25 or the
// ResNet-50 backbone, read from the checkpoint. BatchNorm is folded into the convolutions at
// load; the network runs on the backend, priors, decoding and NMS on the host
// (models/face_detection.h).
#pragma once

#include <array>
#include <memory>
#include <vector>

#include "core/backend.h"
#include "models/architecture.h"
#include "models/face_detection.h"
#include "models/weight_store.h"

namespace fr {

class Retinaface {
 public:
  static Result<std::unique_ptr<Retinaface>> load(const WeightStore& weights, Backend& backend);
  ~Retinaface();

  const RetinafaceConfig& config() const;

  // The faces in an 8-bit BGR image at its own size, best score first.
  Result<std::vector<FaceDetection>> detect(const ImageU8View& bgr,
                                            const DetectionOptions& options = {});

  // The head outputs for x (1,3,H,W), a BGR image minus the mean (104, 117, 123): per level
  // (strides 8, 16, 32) the softmaxed scores, box and landmark regressions, downloaded.
  Result<std::array<DetectionLevel, 3>> forward(const Tensor& x);

  struct Layers;  // retinaface.cpp

 private:
  Retinaface(Backend& backend, std::unique_ptr<Layers> layers);
  Backend& be_;
  std::unique_ptr<Layers> l_;
};

}  // namespace fr
