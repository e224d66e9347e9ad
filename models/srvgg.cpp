#include "models/srvgg.h"

#include <string>

#include "models/layers.h"

namespace fr {

struct Srvgg::Layers {
  SrvggConfig config;
  std::vector<ConvLayer> body;  // each with its PReLU fused, but the last
};

Srvgg::Srvgg(Backend& backend, std::unique_ptr<Layers> layers)
    : be_(backend), l_(std::move(layers)) {}
Srvgg::~Srvgg() = default;

const SrvggConfig& Srvgg::config() const {
  return l_->config;
}
int Srvgg::scale() const {
  return l_->config.scale;
}
std::string Srvgg::describe() const {
  return fr::describe(ModelConfig{l_->config});
}

Result<std::unique_ptr<Srvgg>> Srvgg::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<SrvggConfig>(weights, "SRVGGNetCompact");
  if (!config) return config.error();
  auto l = std::make_unique<Layers>();
  l->config = *config;
  WeightUploader up(weights, backend);
  // body.{2i} are the convs, body.{2i+1} the PReLU slopes after all but the last conv.
  for (int i = 0; i <= config->num_conv + 1; ++i) {
    Conv2dParams params;
    if (i <= config->num_conv)
      params.act = Activation::prelu(up.channels("body." + std::to_string(2 * i + 1) + ".weight"));
    l->body.push_back(load_conv(up, "body." + std::to_string(2 * i), params));
  }
  if (auto st = up.status(); !st) return st.error();
  return std::unique_ptr<Srvgg>(new Srvgg(backend, std::move(l)));
}

Result<Tensor> Srvgg::forward(const Tensor& x) {
  Backend& be = be_;
  const Layers& l = *l_;
  FR_CHECK(x.shape().n == 1 && x.shape().c == l.config.in_channels,
           "SRVGGNetCompact takes (1," + std::to_string(l.config.in_channels) + ",H,W), got " +
               x.shape().str());
  if (be.failed()) return be.status().error();
  Tensor y = x;
  for (const ConvLayer& conv : l.body) y = conv(be, y);
  const int s = l.config.scale;
  const Tensor base = be.resize_nearest(x, ResizeParams::by_factor(x.shape(), float(s)));
  return checked(be, be.add(be.pixel_shuffle(y, s), base));
}

}  // namespace fr
