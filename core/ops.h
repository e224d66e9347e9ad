// The engine's operations: their parameters, each op's exact contract (the naive references
// in tests/ops implement the same formulas), and FR_OPS at the end, the list of every op from
// which the Backend's declarations are generated.
#pragma once

#include <cstdint>
#include <vector>

#include "core/error.h"
#include "core/tensor.h"

namespace fr {

enum class ActKind { none, relu, leaky_relu, prelu, sigmoid };

// y = x (none); max(x,0) (relu); x>0 ? x : slope·x (leaky_relu);
// x>0 ? x : slopes[c]·x (prelu, slopes a (1,C,1,1) tensor of the same backend);
// 1/(1+e^−x) (sigmoid).
// The numeric values are shared with the shaders (kernels/common.glsl ACT_*).
struct Activation {
  ActKind kind = ActKind::none;
  float slope = 0.0f;
  Tensor prelu_slopes;

  static Activation none() { return {}; }
  static Activation relu() { return {ActKind::relu, 0.0f, {}}; }
  static Activation leaky(float s) { return {ActKind::leaky_relu, s, {}}; }
  static Activation prelu(Tensor slopes) { return {ActKind::prelu, 0.0f, std::move(slopes)}; }
  static Activation sigmoid() { return {ActKind::sigmoid, 0.0f, {}}; }
};

// conv2d: x (N,C,H,W), weight (O, C/groups, KH, KW), bias (1,O,1,1) or empty.
// y = act(conv(x, weight) + bias) · out_scale  [+ residual, a tensor of y's shape].
// Zero padding `pad` on every side; output H' = (H + 2·pad − KH)/stride + 1.
struct Conv2dParams {
  int stride = 1;
  int pad = -1;  // −1: KH/2
  int groups = 1;
  Activation act;
  float out_scale = 1.0f;
};

// linear: x (N, in…) flattened per batch item, weight (out, in, 1, 1), bias (1,out,1,1) or
// empty: y (N, out, 1, 1) = W·x + b.

// binary(a, b, kind): y = a ∘ b elementwise with broadcasting: in each of N, C, H, W the two
// sizes are equal or one of them is 1, and the output takes the larger. pow follows powf
// (a negative base needs an integer exponent). The values are shared with kernels/binary.comp.
enum class BinaryKind { add = 0, sub = 1, mul = 2, div = 3, max = 4, min = 5, pow = 6 };

// clamp(x, lo, hi): y = min(max(x, lo), hi), lo ≤ hi.

// conv_transpose2d: x (N,I,H,W), weight (O, I, KH, KW) — PyTorch's ConvTranspose2d weight with
// its first two axes swapped, as ncnn and oneDNN store it, not flipped — bias (1,O,1,1) or empty.
// y[o, oy, ox] = act(bias[o] + Σ_{i,ky,kx} x[i, iy, ix] · w[o, i, ky, kx]) over the (iy, ix) with
// oy = iy·stride − pad + ky (likewise ox); output H' = (H−1)·stride − 2·pad + KH + output_pad.
struct ConvTranspose2dParams {
  int stride = 1;
  int pad = 0;
  int output_pad = 0;
  Activation act;
};

// pad2d: output (N, C, H+top+bottom, W+left+right). constant fills `value`; replicate repeats
// the edge; reflect mirrors without repeating the edge (PyTorch's ReflectionPad2d; each pad
// must be smaller than that side's size).
enum class PadMode { constant = 0, replicate = 1, reflect = 2 };
struct Pad2dParams {
  int top = 0, bottom = 0, left = 0, right = 0;
  PadMode mode = PadMode::constant;
  float value = 0.0f;
};

// crop2d: y[n, c, i, j] = x[n, c, top + i, left + j], an out_h × out_w window inside x.
struct Crop2dParams {
  int top = 0, left = 0, out_h = 1, out_w = 1;
};

// reshape (not a backend op, see core/backend.h): the same data with another shape of equal
// element count (row-major order); no copy.

// Resampling, both modes take the inverse scale used for the coordinate map
// (PyTorch's convention: 1/scale_factor when a factor is given, in/out when a size is).
//   bilinear (half-pixel centres): src = max(0, (dst + 0.5)·inv_scale − 0.5),
//            neighbours clamped to the border.
//   nearest: src = min(floor(dst·inv_scale), in − 1).
struct ResizeParams {
  int out_h = 0, out_w = 0;
  float inv_scale_h = 1.0f, inv_scale_w = 1.0f;

  static ResizeParams by_factor(const Shape& in, float factor);
  static ResizeParams to_size(const Shape& in, int out_h, int out_w);
};

// pixel_shuffle(x, r): out[c, y·r+i, x·r+j] = in[c·r²+i·r+j, y, x]; C divisible by r².
// pixel_unshuffle(x, r): out[c·r²+i·r+j, y, x] = in[c, y·r+i, x·r+j]; H and W divisible by r.

// concat_channels(parts): the channel concatenation of tensors with equal N, H, W.
// slice_channels(x, begin, count): channels [begin, begin+count) of x.

// y = act(x · scale · channel_scale[c] + shift + channel_shift[c]); the channel tensors are
// (1,C,1,1) or empty (meaning 1 and 0).
struct ScaleShiftParams {
  float scale = 1.0f;
  float shift = 0.0f;
  Tensor channel_scale;
  Tensor channel_shift;
  Activation act;
};

// StyleGAN2 modulation: weight (O,I,K,K), style (1,I,1,1):
// w'[o,i] = weight[o,i] · style[i]; if demodulate: w'[o] ·= 1/sqrt(Σ_{i,kh,kw} w'[o]² + 1e−8);
// finally w' ·= gain.
struct ModulateParams {
  bool demodulate = true;
  float gain = 1.0f;
};

// add_noise(x, noise, weight): y = x + weight · noise, noise (N,1,H,W) broadcast over channels.
// random_normal(h, w, seed): a (1,1,h,w) map of standard normal values, a pure function of
// (seed, index): every backend yields the same values (core/noise_rng.h).

// softmax_channels(x, group): softmax over consecutive groups of `group` channels, per pixel
// (C divisible by group).

// 2-D max pooling with implicit −∞ padding; output (H + 2·pad − k)/stride + 1.
struct MaxPoolParams {
  int kernel = 3;
  int stride = 2;
  int pad = 1;
};

// An 8-bit, 3-channel interleaved image in host memory (OpenCV's BGR order by default).
struct ImageU8View {
  const uint8_t* data = nullptr;
  int h = 0, w = 0;
  int64_t row_bytes = 0;  // ≥ 3·w
};

struct ImageU8 {
  int h = 0, w = 0;
  std::vector<uint8_t> data;  // h·w·3, rows packed
  int64_t not_finite = 0;     // from tensor_to_image: how many values were NaN or ±infinity
  ImageU8View view() const { return {data.data(), h, w, int64_t(w) * 3}; }
};

// image → tensor (1,3,H,W): t[c] = pixel[swap_rb ? 2−c : c] · scale[c] + offset[c].
struct ImageToTensorParams {
  bool swap_rb = true;  // BGR image → RGB tensor
  float scale[3] = {1.0f / 255, 1.0f / 255, 1.0f / 255};
  float offset[3] = {0, 0, 0};
};

// tensor (1,3,H,W) → image: pixel[swap_rb ? 2−c : c] =
// saturate_u8(round_half_even(clamp(t[c], lo, hi) · scale + offset)); a NaN gives 0. The
// number of NaN and infinite values is counted (ImageU8::not_finite).
struct TensorToImageParams {
  bool swap_rb = true;
  float lo = 0.0f, hi = 1.0f;
  float scale = 255.0f;
  float offset = 0.0f;
};

// Output size of a convolution or pooling window along one axis.
inline int window_out(int in, int kernel, int stride, int pad) {
  return (in + 2 * pad - kernel) / stride + 1;
}

// Every op of the engine, one entry each:
//   X(result, name, (parameters), (what the implementation also receives))
// declares the public Backend::name(parameters) (core/backend.h), whose contract checks live in
// core/ops/name.cpp, and the protected run_name(parameters, also-received) that each backend
// implements: core/cpu/name.cpp and core/vulkan/ops/name.cpp (shader kernels/name.comp); its
// test is tests/ops/test_name.cpp. D(value) marks a default argument of the public op.
// clang-format off
#define FR_OPS(X, D) \
  X(Tensor, conv2d, (const Tensor& x, const Tensor& weight, const Tensor& bias, const Conv2dParams& p, const Tensor& residual D({})), (int pad, const Shape& out)) \
  X(Tensor, linear, (const Tensor& x, const Tensor& weight, const Tensor& bias), (const Shape& out)) \
  X(Tensor, conv_transpose2d, (const Tensor& x, const Tensor& weight, const Tensor& bias, const ConvTranspose2dParams& p), (const Shape& out)) \
  X(Tensor, pad2d, (const Tensor& x, const Pad2dParams& p), (const Shape& out)) \
  X(Tensor, crop2d, (const Tensor& x, const Crop2dParams& p), ()) \
  X(Tensor, resize_bilinear, (const Tensor& x, const ResizeParams& p), ()) \
  X(Tensor, resize_nearest, (const Tensor& x, const ResizeParams& p), ()) \
  X(Tensor, pixel_shuffle, (const Tensor& x, int r), (const Shape& out)) \
  X(Tensor, pixel_unshuffle, (const Tensor& x, int r), (const Shape& out)) \
  X(Tensor, binary, (const Tensor& a, const Tensor& b, BinaryKind kind), (const Shape& out)) \
  X(Tensor, scale_shift, (const Tensor& x, const ScaleShiftParams& p), ()) \
  X(Tensor, clamp, (const Tensor& x, float lo, float hi), ()) \
  X(Tensor, concat_channels, (const std::vector<Tensor>& parts), (const Shape& out)) \
  X(Tensor, slice_channels, (const Tensor& x, int begin, int count), ()) \
  X(Tensor, modulate_weights, (const Tensor& weight, const Tensor& style, const ModulateParams& p), ()) \
  X(Tensor, add_noise, (const Tensor& x, const Tensor& noise, float weight), ()) \
  X(Tensor, random_normal, (int h, int w, uint64_t seed), ()) \
  X(Tensor, softmax_channels, (const Tensor& x, int group), ()) \
  X(Tensor, max_pool2d, (const Tensor& x, const MaxPoolParams& p), (const Shape& out)) \
  X(Tensor, image_to_tensor, (const ImageU8View& image, const ImageToTensorParams& p), ()) \
  X(Result<ImageU8>, tensor_to_image, (const Tensor& x, const TensorToImageParams& p), ())
// clang-format on

}  // namespace fr
