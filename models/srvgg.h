// SRVGGNetCompact: a plain stack of 3×3 convs with PReLU at the
// input's resolution, a pixel-shuffle to the output size, plus the nearest-upscaled input.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/network_registry.h"
#include "models/upscaler.h"

namespace fr {

class Srvgg;

struct SrvggConfig {
  using Network = Srvgg;

  int num_conv = 32, scale = 4, nf = 64;
  int in_channels = 3, out_channels = 3;
};

class Srvgg : public Upscaler {
 public:
  using Config = SrvggConfig;

  // The config when `weights` are SRVGGNetCompact's (a 4-D body.0.weight with its bias and
  // body.1's PReLU): the convs counted by their biases, the scale from the last conv's
  // outputs (network_registry.h, Detection).
  static Detection<SrvggConfig> detect_config(const WeightStore& weights);
  // Every weight name and shape of the architecture: the plan load() reads them with.
  static WeightShapes expected_weights(const SrvggConfig& config);
  // "x4, 32 convs, nf 64".
  static std::string parameters(const SrvggConfig& config);

  static Result<std::unique_ptr<Srvgg>> load(const WeightStore& weights, Backend& backend);
  ~Srvgg() override;

  const SrvggConfig& config() const;
  int scale() const override;
  std::string describe() const override;
  Result<Tensor> forward(const Tensor& x) override;

  struct Layers;  // srvgg.cpp

 private:
  Srvgg(Backend& backend, std::unique_ptr<Layers> layers);
  Backend& be_;
  std::unique_ptr<Layers> l_;
};

}  // namespace fr
