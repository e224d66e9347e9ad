// The background upscalers: networks that take an RGB image and return it scale() times
// larger. RRDBNet (Real-ESRGAN x4plus/x2plus, ESRGAN) and SRVGGNetCompact (realesr-general,
// realesr-animevideo) implement it; load_upscaler picks by the weights' architecture, among
// the network rows of role background_upscaler (network_registry.h).
#pragma once

#include <memory>
#include <string>

#include "core/backend.h"
#include "models/weight_store.h"

namespace fr {

class Upscaler {
 public:
  virtual ~Upscaler() = default;

  // Output size over input size, per side.
  virtual int scale() const = 0;
  // Input height and width must be multiples of this (RRDBNet ×2 and ×1 pixel-unshuffle).
  virtual int input_multiple() const { return 1; }
  // "RRDBNet (×4, 23 blocks, …)" and the like, for logs and the GUI.
  virtual std::string describe() const = 0;

  // x: (1,3,H,W) RGB in [0,1] on the backend the model was loaded on. Returns
  // (1,3,scale·H,scale·W), RGB in about [0,1], not clamped. Runs on the calling thread (the
  // backend's).
  virtual Result<Tensor> forward(const Tensor& x) = 0;
};

// Checks the weights against their architecture and uploads them to `backend`, which must
// outlive the model. An error says what the file holds when it is not an upscaler.
Result<std::unique_ptr<Upscaler>> load_upscaler(const WeightStore& weights, Backend& backend);

}  // namespace fr
