// RRDBNet (../shared/spec/networks.md): residual-in-residual dense blocks at the input's
// resolution (after a pixel-unshuffle for ×2 and ×1), then two nearest ×2 upsampling convs.
#pragma once

#include <memory>
#include <vector>

#include "models/upscaler.h"

namespace fr {

class Rrdbnet : public Upscaler {
 public:
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
