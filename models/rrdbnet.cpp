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
    : be_(backend), l_(std::move(layers)) {}
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
  return fr::describe(ModelConfig{l_->config});
}

Result<std::unique_ptr<Rrdbnet>> Rrdbnet::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<RrdbnetConfig>(weights, "RRDBNet");
  if (!config) return config.error();
  auto l = std::make_unique<Layers>();
  l->config = *config;
  WeightUploader up(weights, backend);
  l->first = load_conv(up, "conv_first", {});
  for (int j = 0; j < config->blocks; ++j) {
    ResidualInResidual block;
    for (int r = 0; r < 3; ++r) {
      const std::string p = "body." + std::to_string(j) + ".rdb" + std::to_string(r + 1) + ".conv";
      for (int k = 0; k < 5; ++k) {
        // 0.2·conv5(x) is conv5 with 0.2·weights and 0.2·bias: the scale costs nothing.
        block.rdb[r].conv[k] =
            load_conv(up, p + std::to_string(k + 1), k < 4 ? leaky() : Conv2dParams{}, true,
                      k < 4 ? 1.0f : kResidual);
      }
    }
    l->body.push_back(std::move(block));
  }
  l->body_last = load_conv(up, "conv_body", {});
  l->up1 = load_conv(up, "conv_up1", leaky());
  l->up2 = load_conv(up, "conv_up2", leaky());
  l->hr = load_conv(up, "conv_hr", leaky());
  l->last = load_conv(up, "conv_last", {});
  if (auto st = up.status(); !st) return st.error();
  return std::unique_ptr<Rrdbnet>(new Rrdbnet(backend, std::move(l)));
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
