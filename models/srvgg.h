// SRVGGNetCompact (../shared/spec/networks.md): a plain stack of 3×3 convs with PReLU at the
// input's resolution, a pixel-shuffle to the output size, plus the nearest-upscaled input.
#pragma once

#include <memory>
#include <vector>

#include "models/upscaler.h"

namespace fr {

class Srvgg : public Upscaler {
 public:
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
