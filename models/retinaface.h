// RetinaFace face detector with the mobilenet0.25 or the
// ResNet-50 backbone, read from the checkpoint. BatchNorm is folded into the convolutions at
// load; the network runs on the backend, priors, decoding and NMS on the host
// (models/face_detection.h).
#pragma once

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "core/backend.h"
#include "models/face_detection.h"
#include "models/network_registry.h"
#include "models/weight_store.h"

namespace fr {

class Retinaface;

struct RetinafaceConfig {
  using Network = Retinaface;

  enum class Backbone { mobilenet025, resnet50 };
  Backbone backbone = Backbone::mobilenet025;
};

class Retinaface {
 public:
  using Config = RetinafaceConfig;

  // The config when `weights` are RetinaFace's (ClassHead.0 with body.stage1, the
  // mobilenet0.25 backbone, or body.conv1, ResNet-50) (network_registry.h, Detection).
  static Detection<RetinafaceConfig> detect_config(const WeightStore& weights);
  // Every weight name and shape of the architecture: the plan load() reads them with.
  static WeightShapes expected_weights(const RetinafaceConfig& config);
  // "mobilenet0.25" or "resnet50".
  static std::string parameters(const RetinafaceConfig& config);

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
