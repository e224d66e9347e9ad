// The background upscalers: networks that take an RGB image and return it scale() times
// larger. RRDBNet (Real-ESRGAN x4plus/x2plus, ESRGAN) and SRVGGNetCompact (realesr-general,
// realesr-animevideo) implement it; load_upscaler picks by the weights' architecture, among
// the network rows of role background_upscaler (network_registry.h).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/backend.h"
#include "models/weight_store.h"

namespace fr {

// The memory of an upscaler's run per input pixel, and what its device has, for choosing
// the tile side. −1: unknown.
struct TileMemory {
  double bytes_per_pixel = -1;           // the run's peak tensor memory per input pixel
  double largest_tensor_per_pixel = -1;  // the bytes of its largest tensor per input pixel
  int64_t free_bytes = -1;               // what the device could still allocate
  int64_t max_tensor_bytes = -1;         // the device's largest tensor; −1: no limit
};

// A network that makes an image scale() times larger, on the backend it was loaded on (which
// must outlive it). Used by one thread at a time (the backend's).
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
  // (1,3,scale·H,scale·W), RGB in about [0,1], not clamped.
  virtual Result<Tensor> forward(const Tensor& x) = 0;

  // An 8-bit BGR image (sides multiples of input_multiple()) scale() times larger: forward()
  // on it in [0,1], the output clamped to [0,1], ×255, rounded. A failure leaves the backend's
  // error state (so that the next image starts clean) and says "background upscaling failed
  // on <device>"; NaN or infinite outputs are an error of kind not_finite.
  Result<ImageU8> upscale(const ImageU8View& bgr);

  // What a run needs per input pixel and what the device has free, measured by running a
  // mid-grey image of 64² (grown to the input multiple): the networks are fully
  // convolutional, so their memory grows with the pixels. Cached memory is returned to the
  // device before asking what is free.
  virtual Result<TileMemory> measure_tile_memory();

  Backend& backend() const { return be_; }

 protected:
  explicit Upscaler(Backend& backend) : be_(backend) {}

 private:
  Backend& be_;
};

// Checks the weights against their architecture and uploads them to `backend`, which must
// outlive the model. An error says what the file holds when it is not an upscaler.
Result<std::unique_ptr<Upscaler>> load_upscaler(const WeightStore& weights, Backend& backend);

}  // namespace fr
