// ParseNet (facexlib's face parsing): an aligned face in, 19 classes of face parts out, used by
// the parse-mask paste. A residual encoder (stride-2 blocks), a body of residual blocks at the
// lowest resolution with a long skip, and a decoder of nearest-×2 blocks; every 3×3
// convolution reads a reflection-padded input, and BatchNorm is folded into the convolution
// before it at load. Widths, depths and the class count come from the checkpoint.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/backend.h"
#include "models/network_registry.h"
#include "models/weight_store.h"

namespace fr {

class Parsenet;

struct ParsenetConfig {
  using Network = Parsenet;

  // Output channels of encoder.0 (the stem) and of encoder.1 … encoder.S (stride 2 each).
  std::vector<int> encoder = {64, 128, 256, 256, 256};
  int body = 10;  // residual blocks at the lowest resolution
  // Output channels of decoder.0 … decoder.U (nearest ×2 each).
  std::vector<int> decoder = {256, 256, 128, 64};
  int classes = 19;
};

// ParseNet's two outputs, in the official order.
struct ParsenetOutput {
  Tensor logits;  // (1, classes, H, W): the class scores per pixel, before any softmax
  Tensor image;   // (1, 3, H, W): the network's image output (RGB, about [−1, 1]; unused)
};

class Parsenet {
 public:
  using Config = ParsenetConfig;

  // The config when `weights` are ParseNet's (encoder.0's stem convolution and the mask
  // head): depths counted, widths read from the weights (network_registry.h, Detection).
  static Detection<ParsenetConfig> detect_config(const WeightStore& weights);
  // Every weight name and shape of the architecture: the plan load() reads them with.
  static WeightShapes expected_weights(const ParsenetConfig& config);
  // "C 64, 4 down, 10 body blocks, 4 up, 19 classes".
  static std::string parameters(const ParsenetConfig& config);

  // Checks every weight against the architecture and uploads them to `backend`, which must
  // outlive the network.
  static Result<std::unique_ptr<Parsenet>> load(const WeightStore& weights, Backend& backend);
  ~Parsenet();

  const ParsenetConfig& config() const;

  // x: (1,3,H,W), an aligned face as RGB in [−1,1], H and W multiples of 2^S (512 for the
  // published network). Runs on the calling thread (the backend's).
  Result<ParsenetOutput> forward(const Tensor& x);

  struct Layers;  // parsenet.cpp

 private:
  Parsenet(Backend& backend, std::unique_ptr<Layers> layers);
  Backend& be_;
  std::unique_ptr<Layers> l_;
};

}  // namespace fr
