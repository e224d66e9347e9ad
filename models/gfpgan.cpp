#include "models/gfpgan.h"

#include <cmath>
#include <string>

#include "models/layers.h"

namespace fr {
namespace {

constexpr float kSlope = 0.2f;  // every leaky ReLU of the network

// ResBlock(in→out, ×factor): lrelu(conv2(bilinear(lrelu(conv1(x))))) + skip(bilinear(x)).
struct ResBlock {
  ConvLayer conv1, conv2, skip;
  float factor = 1.0f;

  Tensor operator()(Backend& be, const Tensor& x) const {
    Tensor y = conv1(be, x);
    y = be.resize_bilinear(y, ResizeParams::by_factor(y.shape(), factor));
    const Tensor s = skip(be, be.resize_bilinear(x, ResizeParams::by_factor(x.shape(), factor)));
    return conv2(be, y, s);
  }
};

// conv(c→c,3) + lrelu + conv(c→c,3): one of the SFT condition branches.
struct ConditionBranch {
  ConvLayer first, second;
  Tensor operator()(Backend& be, const Tensor& x) const { return second(be, first(be, x)); }
};

// StyleGAN2 modulated convolution: weight (O,I,K,K) as stored, modulation linear F→I.
struct ModulatedConv {
  Tensor weight, modulation_weight, modulation_bias;
  bool demodulate = true;
  bool upsample = false;  // bilinear ×2 of the input first

  // act(conv(x, w') + bias) + residual with w' the weight modulated by `style` (1,F,1,1),
  // demodulated if asked, times `gain`.
  Tensor operator()(Backend& be, const Tensor& x, const Tensor& style, float gain,
                    const Tensor& bias = {}, const Tensor& residual = {}) const {
    const Tensor m = be.linear(style, modulation_weight, modulation_bias);
    const Tensor w = be.modulate_weights(weight, m, {demodulate, gain});
    const Tensor in =
        upsample ? be.resize_bilinear(x, ResizeParams::by_factor(x.shape(), 2.0f)) : x;
    return be.conv2d(in, w, bias, {}, residual);
  }
};

// y = lrelu(√2·modconv(x) + noise_weight·noise + bias).
struct StyleConv {
  ModulatedConv conv;
  float noise_weight = 0.0f;
  Tensor bias;

  Tensor operator()(Backend& be, const Tensor& x, const Tensor& style, const Tensor& noise) const {
    Tensor y = conv(be, x, style, std::sqrt(2.0f));
    y = be.add_noise(y, noise, noise_weight);
    ScaleShiftParams p;
    p.channel_shift = bias;
    p.act = Activation::leaky(kSlope);
    return be.scale_shift(y, p);
  }
};

// y = modconv1×1(x) (no demodulation) + bias [+ bilinear ×2 (previous)].
struct ToRgb {
  ModulatedConv conv;
  Tensor bias;

  Tensor operator()(Backend& be, const Tensor& x, const Tensor& style,
                    const Tensor& previous) const {
    const Tensor up =
        previous.empty()
            ? Tensor{}
            : be.resize_bilinear(previous, ResizeParams::by_factor(previous.shape(), 2.0f));
    return conv(be, x, style, 1.0f, bias, up);
  }
};

Conv2dParams leaky() {
  Conv2dParams p;
  p.act = Activation::leaky(kSlope);
  return p;
}

ResBlock load_res_block(WeightUploader& up, const std::string& prefix, float factor) {
  return {load_conv(up, prefix + ".conv1", leaky()), load_conv(up, prefix + ".conv2", leaky()),
          load_conv(up, prefix + ".skip", {}, /*with_bias=*/false), factor};
}

ModulatedConv load_modulated(WeightUploader& up, const std::string& prefix, bool demodulate,
                             bool upsample) {
  ModulatedConv m;
  m.weight = up.tensor(prefix + ".modulated_conv.weight");
  m.modulation_weight = up.matrix(prefix + ".modulated_conv.modulation.weight");
  m.modulation_bias = up.channels(prefix + ".modulated_conv.modulation.bias");
  m.demodulate = demodulate;
  m.upsample = upsample;
  return m;
}

StyleConv load_style_conv(WeightUploader& up, const std::string& prefix, bool upsample) {
  return {load_modulated(up, prefix, true, upsample), up.scalar(prefix + ".weight"),
          up.channels(prefix + ".bias")};
}

ToRgb load_to_rgb(WeightUploader& up, const std::string& prefix) {
  return {load_modulated(up, prefix, false, false), up.channels(prefix + ".bias")};
}

// The noise map of decoder layer j (0…2L−4) in random mode: its own stream of `seed`.
uint64_t noise_seed(uint64_t seed, int layer) {
  return seed + 0x9e3779b97f4a7c15ull * uint64_t(layer + 1);
}

}  // namespace

struct Gfpgan::Layers {
  GfpganConfig config;
  int levels = 0;  // L − 2: resolutions 8 … S, encoder blocks, decoder blocks
  ConvLayer first, final_conv;
  std::vector<ResBlock> down, up;
  Tensor linear_weight, linear_bias;
  std::vector<ConditionBranch> condition_scale, condition_shift;
  std::vector<ConvLayer> encoder_to_rgb;
  Tensor constant;
  StyleConv style_conv1;
  ToRgb to_rgb1;
  std::vector<StyleConv> style_convs;
  std::vector<ToRgb> to_rgbs;
  std::vector<Tensor> noises;
  std::vector<int> noise_sizes;
};

Gfpgan::Gfpgan(Backend& backend, std::unique_ptr<Layers> layers)
    : be_(backend), l_(std::move(layers)) {}
Gfpgan::~Gfpgan() = default;

const GfpganConfig& Gfpgan::config() const {
  return l_->config;
}

Result<std::unique_ptr<Gfpgan>> Gfpgan::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<GfpganConfig>(weights, "GFPGAN");
  if (!config) return config.error();

  auto l = std::make_unique<Layers>();
  l->config = *config;
  l->levels = int(std::lround(std::log2(config->out_size))) - 2;
  WeightUploader up(weights, backend);
  l->first = load_conv(up, "conv_body_first", leaky());
  for (int i = 0; i < l->levels; ++i)
    l->down.push_back(load_res_block(up, "conv_body_down." + std::to_string(i), 0.5f));
  l->final_conv = load_conv(up, "final_conv", leaky());
  l->linear_weight = up.matrix("final_linear.weight");
  l->linear_bias = up.channels("final_linear.bias");
  for (int i = 0; i < l->levels; ++i) {
    const std::string k = "." + std::to_string(i);
    l->up.push_back(load_res_block(up, "conv_body_up" + k, 2.0f));
    l->condition_scale.push_back({load_conv(up, "condition_scale" + k + ".0", leaky()),
                                  load_conv(up, "condition_scale" + k + ".2", {})});
    l->condition_shift.push_back({load_conv(up, "condition_shift" + k + ".0", leaky()),
                                  load_conv(up, "condition_shift" + k + ".2", {})});
    Conv2dParams one;
    one.pad = 0;
    l->encoder_to_rgb.push_back(load_conv(up, "toRGB" + k, one));
  }

  const std::string d = "stylegan_decoder.";
  l->constant = up.tensor(d + "constant_input.weight");
  l->style_conv1 = load_style_conv(up, d + "style_conv1", false);
  l->to_rgb1 = load_to_rgb(up, d + "to_rgb1");
  for (int b = 0; b < l->levels; ++b) {
    l->style_convs.push_back(
        load_style_conv(up, d + "style_convs." + std::to_string(2 * b), /*upsample=*/true));
    l->style_convs.push_back(
        load_style_conv(up, d + "style_convs." + std::to_string(2 * b + 1), false));
    l->to_rgbs.push_back(load_to_rgb(up, d + "to_rgbs." + std::to_string(b)));
  }
  for (int j = 0; j < 2 * l->levels + 1; ++j) {
    l->noises.push_back(up.tensor(d + "noises.noise" + std::to_string(j)));
    l->noise_sizes.push_back(j == 0 ? 4 : 4 << ((j + 1) / 2));
  }
  if (auto st = up.status(); !st) return st.error();
  return std::unique_ptr<Gfpgan>(new Gfpgan(backend, std::move(l)));
}

Result<Tensor> Gfpgan::forward(const Tensor& x, const GfpganOptions& options,
                               std::vector<Tensor>* encoder_rgb) {
  Backend& be = be_;
  const Layers& l = *l_;
  const int S = l.config.out_size, F = l.config.style_width;
  FR_CHECK(x.shape() == (Shape{1, 3, S, S}), "GFPGAN takes (1,3," + std::to_string(S) + "," +
                                                 std::to_string(S) + "), got " + x.shape().str());
  if (be.failed()) return be.status().error();

  // Encoder.
  Tensor feat = l.first(be, x);
  std::vector<Tensor> skips;
  for (const ResBlock& block : l.down) {
    feat = block(be, feat);
    skips.push_back(feat);
  }
  feat = l.final_conv(be, feat);
  const Tensor style =
      be.linear(be.reshape(feat, {1, int(feat.shape().numel()), 1, 1}), l.linear_weight,
                l.linear_bias);  // (1, (2L−2)·F, 1, 1): one row per decoder layer
  std::vector<Tensor> scales, shifts;
  if (encoder_rgb) encoder_rgb->clear();
  for (int i = 0; i < l.levels; ++i) {
    feat = be.add(feat, skips[size_t(l.levels - 1 - i)]);
    feat = l.up[size_t(i)](be, feat);
    scales.push_back(l.condition_scale[size_t(i)](be, feat));
    shifts.push_back(l.condition_shift[size_t(i)](be, feat));
    if (encoder_rgb) encoder_rgb->push_back(l.encoder_to_rgb[size_t(i)](be, feat));
  }

  // Decoder.
  auto w = [&](int row) { return be.slice_channels(style, row * F, F); };
  auto noise = [&](int j) {
    if (options.noise == GfpganOptions::Noise::stored) return l.noises[size_t(j)];
    const int r = l.noise_sizes[size_t(j)];
    return be.random_normal(r, r, noise_seed(options.seed, j));
  };
  Tensor out = l.style_conv1(be, l.constant, w(0), noise(0));
  Tensor rgb = l.to_rgb1(be, out, w(1), {});
  for (int b = 0; b < l.levels; ++b) {
    const int t = 2 * b + 1;
    out = l.style_convs[size_t(2 * b)](be, out, w(t), noise(t));
    // Spatial feature transform on the second half of the channels.
    const int half = out.shape().c / 2;
    const Tensor kept = be.slice_channels(out, 0, half);
    const Tensor sft =
        be.add(be.mul(be.slice_channels(out, half, out.shape().c - half), scales[size_t(b)]),
               shifts[size_t(b)]);
    out = be.concat_channels({kept, sft});
    out = l.style_convs[size_t(2 * b + 1)](be, out, w(t + 1), noise(t + 1));
    rgb = l.to_rgbs[size_t(b)](be, out, w(t + 2), rgb);
  }
  return checked(be, rgb);
}

}  // namespace fr
