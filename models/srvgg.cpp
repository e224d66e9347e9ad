#include "models/srvgg.h"

#include <cmath>
#include <string>

#include "models/layers.h"

namespace fr {

struct Srvgg::Layers {
  SrvggConfig config;
  std::vector<ConvLayer> body;  // each with its PReLU fused, but the last
};

Srvgg::Srvgg(Backend& backend, std::unique_ptr<Layers> layers)
    : Upscaler(backend), be_(backend), l_(std::move(layers)) {}
Srvgg::~Srvgg() = default;

const SrvggConfig& Srvgg::config() const {
  return l_->config;
}
int Srvgg::scale() const {
  return l_->config.scale;
}
std::string Srvgg::describe() const {
  return fr::describe(l_->config);
}

namespace {

// Declares every weight of SRVGGNetCompact at `c` and, when `p` loads, uploads it into `l`:
// body.{2i} are the convs, body.{2i+1} the PReLU slopes after all but the last conv.
void plan_layers(WeightPlan& p, const SrvggConfig& c, Srvgg::Layers& l) {
  l.config = c;
  for (int i = 0; i <= c.num_conv + 1; ++i) {
    Conv2dParams params;
    if (i <= c.num_conv)
      params.act =
          Activation::prelu(p.channels("body." + std::to_string(2 * i + 1) + ".weight", {c.nf}));
    const ConvShape shape{i <= c.num_conv ? c.nf : c.out_channels * c.scale * c.scale,
                          i == 0 ? c.in_channels : c.nf, 3};
    l.body.push_back(load_conv(p, "body." + std::to_string(2 * i), shape, params));
  }
}

}  // namespace

Detection<SrvggConfig> Srvgg::detect_config(const WeightStore& w) {
  const Weight* first = w.find("body.0.weight");
  if (!first || !w.find("body.0.bias") || !w.find("body.1.weight") || first->shape.size() != 4)
    return std::nullopt;
  const std::string& file = w.source();
  SrvggConfig c;
  const int biases = count_matching(w, "body.", ".bias");
  c.num_conv = biases - 2;
  c.nf = int(weight_dim(*first, 0));
  c.in_channels = int(weight_dim(*first, 1));
  const Weight* last = w.find("body." + std::to_string(2 * c.num_conv + 2) + ".weight");
  if (c.num_conv < 0 || !last)
    return Error{file + ": looks like SRVGGNetCompact but the last convolution is missing"};
  const int64_t out = weight_dim(*last, 0);
  c.out_channels = 3;
  const int s = int(std::lround(std::sqrt(double(out) / 3.0)));
  if (s < 1 || 3 * s * s != out)
    return Error{file + ": SRVGGNetCompact ends with " + std::to_string(out) +
                 " channels, not 3·scale²"};
  c.scale = s;
  return c;
}

WeightShapes Srvgg::expected_weights(const SrvggConfig& config) {
  return list_weights(plan_layers, config);
}

std::string Srvgg::parameters(const SrvggConfig& c) {
  return "x" + std::to_string(c.scale) + ", " + std::to_string(c.num_conv) + " convs, nf " +
         std::to_string(c.nf);
}

Result<std::unique_ptr<Srvgg>> Srvgg::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<SrvggConfig>(weights);
  if (!config) return config.error();
  auto layers = load_layers(plan_layers, *config, weights, backend);
  if (!layers) return layers.error();
  return std::unique_ptr<Srvgg>(new Srvgg(backend, std::move(*layers)));
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
