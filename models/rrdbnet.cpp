#include "models/rrdbnet.h"

#include <string>

#include "models/layers.h"

namespace fr {
namespace {

constexpr float kSlope = 0.2f;     // every leaky ReLU of the network
constexpr float kResidual = 0.2f;  // the residual scaling of RDB and RRDB

Conv2dParams leaky() {
  Conv2dParams p;
  p.act = Activation::leaky(kSlope);
  return p;
}

// Residual dense block: five 3×3 convs, each seeing the input and every earlier output;
// returns 0.2·conv5(…) + x.
struct DenseBlock {
  ConvLayer conv[5];

  Tensor operator()(Backend& be, const Tensor& x) const {
    std::vector<Tensor> seen{x};
    for (int k = 0; k < 4; ++k) seen.push_back(conv[k](be, be.concat_channels(seen)));
    return conv[4](be, be.concat_channels(seen), x);
  }
};

// 0.2 · RDB3(RDB2(RDB1(x))) + x.
struct ResidualInResidual {
  DenseBlock rdb[3];

  Tensor operator()(Backend& be, const Tensor& x) const {
    Tensor y = rdb[2](be, rdb[1](be, rdb[0](be, x)));
    ScaleShiftParams p;
    p.scale = kResidual;
    return be.add(be.scale_shift(y, p), x);
  }
};

}  // namespace

struct Rrdbnet::Layers {
  RrdbnetConfig config;
  ConvLayer first, body_last, up1, up2, hr, last;
  std::vector<ResidualInResidual> body;
};

Rrdbnet::Rrdbnet(Backend& backend, std::unique_ptr<Layers> layers)
    : Upscaler(backend), be_(backend), l_(std::move(layers)) {}
Rrdbnet::~Rrdbnet() = default;

const RrdbnetConfig& Rrdbnet::config() const {
  return l_->config;
}
int Rrdbnet::scale() const {
  return l_->config.scale;
}
int Rrdbnet::input_multiple() const {
  return 4 / l_->config.scale;
}
std::string Rrdbnet::describe() const {
  return fr::describe(l_->config);
}

namespace {

// Declares every weight of RRDBNet at `c` and, when `p` loads, uploads it into `l`.
void plan_layers(WeightPlan& p, const RrdbnetConfig& c, Rrdbnet::Layers& l) {
  l.config = c;
  const int unshuffled = c.in_channels * (c.scale == 4 ? 1 : c.scale == 2 ? 4 : 16);
  l.first = load_conv(p, "conv_first", {c.nf, unshuffled, 3}, {});
  for (int j = 0; j < c.blocks; ++j) {
    ResidualInResidual block;
    for (int r = 0; r < 3; ++r) {
      const std::string prefix =
          "body." + std::to_string(j) + ".rdb" + std::to_string(r + 1) + ".conv";
      for (int k = 0; k < 4; ++k)
        block.rdb[r].conv[k] =
            load_conv(p, prefix + std::to_string(k + 1), {c.gc, c.nf + k * c.gc, 3}, leaky());
      // 0.2·conv5(x) is conv5 with 0.2·weights and 0.2·bias: the scale costs nothing.
      block.rdb[r].conv[4] =
          load_conv(p, prefix + "5", {c.nf, c.nf + 4 * c.gc, 3}, {}, true, kResidual);
    }
    l.body.push_back(std::move(block));
  }
  l.body_last = load_conv(p, "conv_body", {c.nf, c.nf, 3}, {});
  l.up1 = load_conv(p, "conv_up1", {c.nf, c.nf, 3}, leaky());
  l.up2 = load_conv(p, "conv_up2", {c.nf, c.nf, 3}, leaky());
  l.hr = load_conv(p, "conv_hr", {c.nf, c.nf, 3}, leaky());
  l.last = load_conv(p, "conv_last", {c.out_channels, c.nf, 3}, {});
}

}  // namespace

Detection<RrdbnetConfig> Rrdbnet::detect_config(const WeightStore& w) {
  const Weight* first = w.find("conv_first.weight");
  const Weight* block = w.find("body.0.rdb1.conv1.weight");
  if (!first || !block) return std::nullopt;
  RrdbnetConfig c;
  const int64_t in = weight_dim(*first, 1);
  c.in_channels = 3;
  c.scale = in == 3 ? 4 : in == 12 ? 2 : in == 48 ? 1 : 0;
  if (!c.scale)
    return Error{w.source() + ": RRDBNet conv_first takes " + std::to_string(in) +
                 " channels; expected 3, 12 or 48"};
  c.nf = int(weight_dim(*first, 0));
  c.blocks = count_indexed(w, "body.", ".rdb1.conv1.weight");
  c.gc = int(weight_dim(*block, 0));
  if (const Weight* last = w.find("conv_last.weight")) c.out_channels = int(weight_dim(*last, 0));
  return c;
}

WeightShapes Rrdbnet::expected_weights(const RrdbnetConfig& config) {
  return list_weights(plan_layers, config);
}

std::string Rrdbnet::parameters(const RrdbnetConfig& c) {
  return "x" + std::to_string(c.scale) + ", nf " + std::to_string(c.nf) + ", " +
         std::to_string(c.blocks) + " blocks, gc " + std::to_string(c.gc);
}

Result<std::unique_ptr<Rrdbnet>> Rrdbnet::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<RrdbnetConfig>(weights);
  if (!config) return config.error();
  auto layers = load_layers(plan_layers, *config, weights, backend);
  if (!layers) return layers.error();
  return std::unique_ptr<Rrdbnet>(new Rrdbnet(backend, std::move(*layers)));
}

Result<Tensor> Rrdbnet::forward(const Tensor& x) {
  Backend& be = be_;
  const Layers& l = *l_;
  const int multiple = input_multiple();
  FR_CHECK(x.shape().n == 1 && x.shape().c == l.config.in_channels && x.shape().h % multiple == 0 &&
               x.shape().w % multiple == 0,
           "RRDBNet ×" + std::to_string(l.config.scale) + " takes (1," +
               std::to_string(l.config.in_channels) + ",H,W) with H and W multiples of " +
               std::to_string(multiple) + ", got " + x.shape().str());
  if (be.failed()) return be.status().error();

  const Tensor in = multiple > 1 ? be.pixel_unshuffle(x, multiple) : x;
  const Tensor feat = l.first(be, in);
  Tensor body = feat;
  for (const ResidualInResidual& block : l.body) body = block(be, body);
  Tensor y = l.body_last(be, body, feat);
  for (const ConvLayer* up : {&l.up1, &l.up2})
    y = (*up)(be, be.resize_nearest(y, ResizeParams::by_factor(y.shape(), 2.0f)));
  return checked(be, l.last(be, l.hr(be, y)));
}

}  // namespace fr
