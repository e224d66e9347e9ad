#include "models/parsenet.h"

#include <optional>
#include <string>

#include "models/layers.h"

namespace fr {
namespace {

// ParseNet's leaky ReLU slope and BatchNorm epsilon.
constexpr float kSlope = 0.2f;
constexpr float kEps = 1e-5f;

// One ConvLayer: [nearest ×2] → reflection pad 1 → 3×3 convolution (stride 2 when it goes
// down) with BatchNorm and activation folded in.
struct ParseConv {
  bool up = false;
  ConvLayer conv;  // pad 0: the padding is the reflection before it

  Tensor operator()(Backend& be, Tensor x, const Tensor& residual = {}) const {
    if (up) x = be.resize_nearest(x, ResizeParams::by_factor(x.shape(), 2.0f));
    Pad2dParams pad;
    pad.top = pad.bottom = pad.left = pad.right = 1;
    pad.mode = PadMode::reflect;
    return conv(be, be.pad2d(x, pad), residual);
  }
};

// out = shortcut(x) + conv2(conv1(x)); the shortcut is x itself in the body.
struct ParseBlock {
  ParseConv conv1, conv2;
  std::optional<ParseConv> shortcut;

  Tensor operator()(Backend& be, const Tensor& x) const {
    const Tensor skip = shortcut ? (*shortcut)(be, x) : x;
    return conv2(be, conv1(be, x), skip);
  }
};

enum class Mode { keep, down, up };

Conv2dParams conv_params(Mode mode, Activation act) {
  Conv2dParams p;
  p.pad = 0;
  p.stride = mode == Mode::down ? 2 : 1;
  p.act = act;
  return p;
}

// A ConvLayer with bias, no BatchNorm and no activation (the stem, the heads, the shortcuts).
ParseConv plain_conv(WeightPlan& p, const std::string& prefix, int in, int out, Mode mode) {
  return {mode == Mode::up,
          load_conv(p, prefix + ".conv2d", {out, in, 3}, conv_params(mode, Activation::none()))};
}

// A ConvLayer without bias, with BatchNorm and, when `act`, the leaky ReLU.
ParseConv norm_conv(WeightPlan& p, const std::string& prefix, int in, int out, Mode mode,
                    bool act) {
  return {
      mode == Mode::up,
      load_conv_bn(p, prefix + ".conv2d", prefix + ".norm.norm", {out, in, 3},
                   conv_params(mode, act ? Activation::leaky(kSlope) : Activation::none()), kEps)};
}

// ResBlock(in → out) in `mode`: "down" strides conv2, "up" doubles before conv1; the body's
// blocks (keep) have no shortcut convolution.
ParseBlock block(WeightPlan& p, const std::string& prefix, int in, int out, Mode mode) {
  ParseBlock b;
  b.conv1 =
      norm_conv(p, prefix + ".conv1", in, out, mode == Mode::up ? Mode::up : Mode::keep, true);
  b.conv2 = norm_conv(p, prefix + ".conv2", out, out, mode == Mode::down ? Mode::down : Mode::keep,
                      false);
  if (mode != Mode::keep) b.shortcut = plain_conv(p, prefix + ".shortcut_func", in, out, mode);
  return b;
}

}  // namespace

struct Parsenet::Layers {
  ParsenetConfig config;
  ParseConv stem;
  std::vector<ParseBlock> encoder, body, decoder;
  ParseConv mask_head, image_head;
};

namespace {

void plan_layers(WeightPlan& p, const ParsenetConfig& c, Parsenet::Layers& l) {
  l.config = c;
  l.stem = plain_conv(p, "encoder.0", 3, c.encoder[0], Mode::keep);
  for (size_t i = 1; i < c.encoder.size(); ++i)
    l.encoder.push_back(
        block(p, "encoder." + std::to_string(i), c.encoder[i - 1], c.encoder[i], Mode::down));
  const int width = c.encoder.back();
  for (int i = 0; i < c.body; ++i)
    l.body.push_back(block(p, "body." + std::to_string(i), width, width, Mode::keep));
  int in = width;
  for (size_t j = 0; j < c.decoder.size(); ++j) {
    l.decoder.push_back(block(p, "decoder." + std::to_string(j), in, c.decoder[j], Mode::up));
    in = c.decoder[j];
  }
  l.mask_head = plain_conv(p, "out_mask_conv", in, c.classes, Mode::keep);
  l.image_head = plain_conv(p, "out_img_conv", in, 3, Mode::keep);
}

// Output channels of the first convolution of `prefix`0, `prefix`1, … in a row.
std::vector<int> block_widths(const WeightStore& w, const std::string& prefix, int first) {
  std::vector<int> widths;
  for (int i = first;; ++i) {
    const Weight* conv = w.find(prefix + std::to_string(i) + ".conv1.conv2d.weight");
    if (!conv) return widths;
    widths.push_back(int(weight_dim(*conv, 0)));
  }
}

}  // namespace

Parsenet::Parsenet(Backend& backend, std::unique_ptr<Layers> layers)
    : be_(backend), l_(std::move(layers)) {}
Parsenet::~Parsenet() = default;

const ParsenetConfig& Parsenet::config() const {
  return l_->config;
}

Detection<ParsenetConfig> Parsenet::detect_config(const WeightStore& w) {
  const Weight* stem = w.find("encoder.0.conv2d.weight");
  const Weight* mask = w.find("out_mask_conv.conv2d.weight");
  if (!stem || !mask || stem->shape.size() != 4) return std::nullopt;
  ParsenetConfig c;
  c.encoder = {int(weight_dim(*stem, 0))};
  for (int width : block_widths(w, "encoder.", 1)) c.encoder.push_back(width);
  c.body = int(block_widths(w, "body.", 0).size());
  c.decoder = block_widths(w, "decoder.", 0);
  c.classes = int(weight_dim(*mask, 0));
  if (c.encoder.size() < 2 || c.decoder.empty())
    return Error{w.source() + ": looks like ParseNet but has no " +
                 (c.encoder.size() < 2 ? "encoder" : "decoder") + " blocks"};
  return c;
}

WeightShapes Parsenet::expected_weights(const ParsenetConfig& config) {
  return list_weights(plan_layers, config);
}

std::string Parsenet::parameters(const ParsenetConfig& c) {
  return "C " + std::to_string(c.encoder.front()) + ", " + std::to_string(c.encoder.size() - 1) +
         " down, " + std::to_string(c.body) + " body blocks, " + std::to_string(c.decoder.size()) +
         " up, " + std::to_string(c.classes) + " classes";
}

Result<std::unique_ptr<Parsenet>> Parsenet::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<ParsenetConfig>(weights);
  if (!config) return config.error();
  auto layers = load_layers(plan_layers, *config, weights, backend);
  if (!layers) return layers.error();
  return std::unique_ptr<Parsenet>(new Parsenet(backend, std::move(*layers)));
}

Result<ParsenetOutput> Parsenet::forward(const Tensor& x) {
  Backend& be = be_;
  const Layers& l = *l_;
  const int multiple = 1 << (l.config.encoder.size() - 1);
  FR_CHECK(x.shape().n == 1 && x.shape().c == 3 && x.shape().h % multiple == 0 &&
               x.shape().w % multiple == 0,
           "ParseNet takes (1,3,H,W) with H and W multiples of " + std::to_string(multiple) +
               ", got " + x.shape().str());
  if (be.failed()) return be.status().error();
  Tensor feat = l.stem(be, x);
  for (const ParseBlock& b : l.encoder) feat = b(be, feat);
  Tensor y = feat;
  for (const ParseBlock& b : l.body) y = b(be, y);
  y = be.add(feat, y);
  for (const ParseBlock& b : l.decoder) y = b(be, y);
  ParsenetOutput out{l.mask_head(be, y), l.image_head(be, y)};
  if (be.failed()) return be.status().error();
  return out;
}

}  // namespace fr
