#include "models/gfpgan.h"

#include <cmath>
#include <cstdio>
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

ResBlock load_res_block(WeightPlan& p, const std::string& prefix, int64_t in, int64_t out,
                        float factor) {
  return {load_conv(p, prefix + ".conv1", {in, in, 3}, leaky()),
          load_conv(p, prefix + ".conv2", {out, in, 3}, leaky()),
          load_conv(p, prefix + ".skip", {out, in, 1}, {}, /*with_bias=*/false), factor};
}

// `prefix`.modulated_conv: weight (1, out, in, k, k) and the modulation linear F → in.
ModulatedConv load_modulated(WeightPlan& p, const std::string& prefix, int64_t out, int64_t in,
                             int64_t k, int64_t style_width, bool demodulate, bool upsample) {
  ModulatedConv m;
  m.weight = p.tensor(prefix + ".modulated_conv.weight", {1, out, in, k, k});
  m.modulation_weight = p.matrix(prefix + ".modulated_conv.modulation.weight", in, style_width);
  m.modulation_bias = p.channels(prefix + ".modulated_conv.modulation.bias", {in});
  m.demodulate = demodulate;
  m.upsample = upsample;
  return m;
}

StyleConv load_style_conv(WeightPlan& p, const std::string& prefix, int64_t out, int64_t in,
                          int64_t style_width, bool upsample) {
  return {load_modulated(p, prefix, out, in, 3, style_width, true, upsample),
          p.scalar(prefix + ".weight", {1}), p.channels(prefix + ".bias", {1, out, 1, 1})};
}

ToRgb load_to_rgb(WeightPlan& p, const std::string& prefix, int64_t in, int64_t style_width) {
  return {load_modulated(p, prefix, 3, in, 1, style_width, false, false),
          p.channels(prefix + ".bias", {1, 3, 1, 1})};
}

// The decoder's channels D(r) at resolution r (networks.md), truncated like the reference's
// int(); the encoder's are E(r) = D(r)/2.
int64_t decoder_channels(int r, double narrow) {
  const double base = r <= 64 ? 512 : r == 128 ? 256 : r == 256 ? 128 : 64;
  return int64_t(base * narrow + 1e-6);
}
int64_t encoder_channels(int r, double narrow) {
  return decoder_channels(r, narrow) / 2;
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
    : FaceNetwork(backend), l_(std::move(layers)) {}
Gfpgan::~Gfpgan() = default;

const GfpganConfig& Gfpgan::config() const {
  return l_->config;
}

std::string Gfpgan::describe() const {
  return fr::describe(config());
}

namespace {

// Declares every weight of GFPGANv1Clean at `c` and, when `p` loads, uploads it into `l`.
void plan_layers(WeightPlan& p, const GfpganConfig& c, Gfpgan::Layers& l) {
  l.config = c;
  l.levels = int(std::lround(std::log2(c.out_size))) - 2;
  const int64_t F = c.style_width;
  auto E = [&](int r) { return encoder_channels(r, c.narrow); };
  auto D = [&](int r) { return decoder_channels(r, c.narrow); };

  // Encoder: down blocks from S to 8, the style code, up blocks from 4 to S.
  l.first = load_conv(p, "conv_body_first", {E(c.out_size), 3, 1}, leaky());
  for (int i = 0, r = c.out_size; i < l.levels; ++i, r /= 2)
    l.down.push_back(
        load_res_block(p, "conv_body_down." + std::to_string(i), E(r), E(r / 2), 0.5f));
  l.final_conv = load_conv(p, "final_conv", {E(4), E(4), 3}, leaky());
  const int64_t styles = F * (2 * l.levels + 2);  // one style vector per decoder layer
  l.linear_weight = p.matrix("final_linear.weight", styles, E(4) * 16);
  l.linear_bias = p.channels("final_linear.bias", {styles});
  for (int i = 0, r = 4; i < l.levels; ++i, r *= 2) {
    const std::string k = "." + std::to_string(i);
    const ConvShape sft{E(2 * r), E(2 * r), 3};
    l.up.push_back(load_res_block(p, "conv_body_up" + k, E(r), E(2 * r), 2.0f));
    l.condition_scale.push_back({load_conv(p, "condition_scale" + k + ".0", sft, leaky()),
                                 load_conv(p, "condition_scale" + k + ".2", sft, {})});
    l.condition_shift.push_back({load_conv(p, "condition_shift" + k + ".0", sft, leaky()),
                                 load_conv(p, "condition_shift" + k + ".2", sft, {})});
    Conv2dParams one;
    one.pad = 0;
    l.encoder_to_rgb.push_back(load_conv(p, "toRGB" + k, {3, E(2 * r), 1}, one));
  }

  // Decoder. The style MLP maps noise to styles when sampling; restoration takes the
  // encoder's styles instead.
  const std::string d = "stylegan_decoder.";
  for (int i = 1; i <= 15; i += 2) {
    p.unused(d + "style_mlp." + std::to_string(i) + ".weight", {F, F});
    p.unused(d + "style_mlp." + std::to_string(i) + ".bias", {F});
  }
  l.constant = p.tensor(d + "constant_input.weight", {1, D(4), 4, 4});
  l.style_conv1 = load_style_conv(p, d + "style_conv1", D(4), D(4), F, false);
  l.to_rgb1 = load_to_rgb(p, d + "to_rgb1", D(4), F);
  for (int b = 0, r = 8; b < l.levels; ++b, r *= 2) {
    l.style_convs.push_back(load_style_conv(p, d + "style_convs." + std::to_string(2 * b), D(r),
                                            D(r / 2), F, /*upsample=*/true));
    l.style_convs.push_back(
        load_style_conv(p, d + "style_convs." + std::to_string(2 * b + 1), D(r), D(r), F, false));
    l.to_rgbs.push_back(load_to_rgb(p, d + "to_rgbs." + std::to_string(b), D(r), F));
  }
  // Layer j's noise map: 4² for j = 0, then two layers per resolution 8², 16², …
  for (int j = 0; j < 2 * l.levels + 1; ++j) {
    const int r = j == 0 ? 4 : 4 << ((j + 1) / 2);
    l.noises.push_back(p.tensor(d + "noises.noise" + std::to_string(j), {1, 1, r, r}));
    l.noise_sizes.push_back(r);
  }
}

}  // namespace

Detection<GfpganConfig> Gfpgan::detect_config(const WeightStore& w) {
  const Weight* first = w.find("conv_body_first.weight");
  if (!first || !w.find("stylegan_decoder.constant_input.weight")) return std::nullopt;
  const std::string& file = w.source();
  GfpganConfig c;
  const Weight* linear = w.find("final_linear.weight");
  const int downs = count_indexed(w, "conv_body_down.", ".conv1.weight");
  if (!linear || downs < 1 || weight_dim(*first, 0) % 4 != 0)
    return Error{file + ": looks like GFPGAN but final_linear or the encoder is missing"};
  const int L = downs + 2;
  c.out_size = 1 << L;
  c.narrow = double(weight_dim(*first, 0)) / 32.0;
  if (weight_dim(*linear, 0) % (2 * L - 2) != 0)
    return Error{file + ": GFPGAN final_linear has " + std::to_string(weight_dim(*linear, 0)) +
                 " rows, not a multiple of " + std::to_string(2 * L - 2)};
  c.style_width = int(weight_dim(*linear, 0) / (2 * L - 2));
  return c;
}

WeightShapes Gfpgan::expected_weights(const GfpganConfig& config) {
  return list_weights(plan_layers, config);
}

std::string Gfpgan::parameters(const GfpganConfig& c) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "out %d, narrow %g, style width %d", c.out_size, c.narrow,
                c.style_width);
  return buf;
}

Result<std::unique_ptr<Gfpgan>> Gfpgan::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<GfpganConfig>(weights);
  if (!config) return config.error();
  auto layers = load_layers(plan_layers, *config, weights, backend);
  if (!layers) return layers.error();
  return std::unique_ptr<Gfpgan>(new Gfpgan(backend, std::move(*layers)));
}

Result<Tensor> Gfpgan::forward(const Tensor& x, const FaceNetworkOptions& options,
                               std::vector<Tensor>* encoder_rgb) {
  Backend& be = backend();
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
    if (options.noise == FaceNetworkOptions::Noise::stored) return l.noises[size_t(j)];
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
