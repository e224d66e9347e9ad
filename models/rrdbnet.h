// RRDBNet: residual-in-residual dense blocks at the input's
// resolution (after a pixel-unshuffle for ×2 and ×1), then two nearest ×2 upsampling convs.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/network_registry.h"
#include "models/upscaler.h"

namespace fr {

class Rrdbnet;

struct RrdbnetConfig {
  using Network = Rrdbnet;

  int scale = 4;  // 4, 2 (pixel-unshuffle 2) or 1 (pixel-unshuffle 4)
  int nf = 64, blocks = 23, gc = 32;
  int in_channels = 3, out_channels = 3;
};

class Rrdbnet : public Upscaler {
 public:
  using Config = RrdbnetConfig;

  // The config when `weights` are RRDBNet's (conv_first and body.0.rdb1): the scale from
  // conv_first's input channels (network_registry.h, Detection).
  static Detection<RrdbnetConfig> detect_config(const WeightStore& weights);
  // Every weight name and shape of the architecture: the plan load() reads them with.
  static WeightShapes expected_weights(const RrdbnetConfig& config);
  // "x4, nf 64, 23 blocks, gc 32".
  static std::string parameters(const RrdbnetConfig& config);

  static Result<std::unique_ptr<Rrdbnet>> load(const WeightStore& weights, Backend& backend);
  ~Rrdbnet() override;

  const RrdbnetConfig& config() const;
  int scale() const override;
  int input_multiple() const override;
  std::string describe() const override;
  Result<Tensor> forward(const Tensor& x) override;

  struct Layers;  // rrdbnet.cpp

 private:
  Rrdbnet(Backend& backend, std::unique_ptr<Layers> layers);
  Backend& be_;
  std::unique_ptr<Layers> l_;
};

}  // namespace fr
