#include "core/backend.h"

#include <algorithm>

#include "core/logging.h"

namespace fr {

Status Backend::status() const {
  if (error_) return *error_;
  return {};
}

void Backend::fail(std::string message, ErrorKind kind) {
  if (error_) return;
  log()->error("{}: {}", name(), message);
  error_ = Error{std::move(message), kind};
}

bool Backend::stopped() {
  if (error_) return true;
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
    error_ = Error{kCancelledMessage,
                   ErrorKind::cancelled};  // not logged as an error: the user asked for it
    return true;
  }
  return false;
}

void Backend::check_input(const Tensor& t, const char* op) const {
  FR_CHECK(!t.empty(), std::string(op) + ": empty input tensor while the backend is healthy");
  FR_CHECK(t.owner() == this, std::string(op) + ": tensor belongs to another backend");
}

void Backend::check_channel_tensor(const Tensor& t, int channels, const char* op) const {
  if (t.empty()) return;
  check_input(t, op);
  FR_CHECK(t.shape().numel() == channels, std::string(op) + ": per-channel tensor " +
                                              t.shape().str() + " for " + std::to_string(channels) +
                                              " channels");
}

void Backend::check_activation(const Activation& act, int channels, const char* op) const {
  if (act.kind != ActKind::prelu) return;
  FR_CHECK(!act.prelu_slopes.empty(), std::string(op) + ": prelu without slopes");
  check_channel_tensor(act.prelu_slopes, channels, op);
}

Tensor Backend::upload(const HostTensor& host) {
  if (stopped()) return {};
  FR_CHECK(int64_t(host.data.size()) == host.shape.numel() && host.shape.numel() > 0,
           "upload: " + host.shape.str() + " with " + std::to_string(host.data.size()) + " values");
  return run_upload(host);
}

Result<HostTensor> Backend::download(const Tensor& t) {
  if (failed()) return *error_;
  check_input(t, "download");
  return run_download(t);
}

Tensor Backend::conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                       const Conv2dParams& p, const Tensor& residual) {
  if (stopped()) return {};
  check_input(x, "conv2d");
  check_input(weight, "conv2d");
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  FR_CHECK(p.groups >= 1 && xs.c % p.groups == 0 && ws.n % p.groups == 0 && ws.c == xs.c / p.groups,
           "conv2d: input " + xs.str() + ", weight " + ws.str() + ", groups " +
               std::to_string(p.groups));
  FR_CHECK(p.stride >= 1, "conv2d: stride");
  const int pad = p.pad < 0 ? ws.h / 2 : p.pad;
  const Shape out{xs.n, ws.n, window_out(xs.h, ws.h, p.stride, pad),
                  window_out(xs.w, ws.w, p.stride, pad)};
  FR_CHECK(out.h > 0 && out.w > 0, "conv2d: empty output for input " + xs.str());
  check_channel_tensor(bias, ws.n, "conv2d bias");
  check_activation(p.act, ws.n, "conv2d");
  if (!residual.empty()) {
    check_input(residual, "conv2d residual");
    FR_CHECK(residual.shape() == out,
             "conv2d: residual " + residual.shape().str() + " for output " + out.str());
  }
  macs_ += out.numel() * ws.c * ws.h * ws.w;
  return run_conv2d(x, weight, bias, p, pad, residual, out);
}

Tensor Backend::linear(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  if (stopped()) return {};
  check_input(x, "linear");
  check_input(weight, "linear");
  const int64_t in = x.shape().numel() / x.shape().n;
  const int out = weight.shape().n;
  FR_CHECK(weight.shape().numel() == int64_t(out) * in,
           "linear: input " + x.shape().str() + ", weight " + weight.shape().str());
  check_channel_tensor(bias, out, "linear bias");
  macs_ += int64_t(x.shape().n) * out * in;
  return run_linear(x, weight, bias, {x.shape().n, out, 1, 1});
}

Tensor Backend::conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                 const ConvTranspose2dParams& p) {
  if (stopped()) return {};
  check_input(x, "conv_transpose2d");
  check_input(weight, "conv_transpose2d");
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  FR_CHECK(ws.c == xs.c, "conv_transpose2d: input " + xs.str() + ", weight " + ws.str());
  FR_CHECK(p.stride >= 1 && p.pad >= 0 && p.output_pad >= 0, "conv_transpose2d: parameters");
  const Shape out{xs.n, ws.n, (xs.h - 1) * p.stride - 2 * p.pad + ws.h + p.output_pad,
                  (xs.w - 1) * p.stride - 2 * p.pad + ws.w + p.output_pad};
  FR_CHECK(out.h > 0 && out.w > 0, "conv_transpose2d: empty output for " + xs.str());
  check_channel_tensor(bias, ws.n, "conv_transpose2d bias");
  check_activation(p.act, ws.n, "conv_transpose2d");
  macs_ += xs.numel() * ws.n * ws.h * ws.w;
  return run_conv_transpose2d(x, weight, bias, p, out);
}

Tensor Backend::pad2d(const Tensor& x, const Pad2dParams& p) {
  if (stopped()) return {};
  check_input(x, "pad2d");
  const Shape& s = x.shape();
  FR_CHECK(p.top >= 0 && p.bottom >= 0 && p.left >= 0 && p.right >= 0, "pad2d: negative pad");
  if (p.mode == PadMode::reflect)
    FR_CHECK(p.top < s.h && p.bottom < s.h && p.left < s.w && p.right < s.w,
             "pad2d: reflect pad not smaller than " + s.str());
  return run_pad2d(x, p, {s.n, s.c, s.h + p.top + p.bottom, s.w + p.left + p.right});
}

Tensor Backend::crop2d(const Tensor& x, const Crop2dParams& p) {
  if (stopped()) return {};
  check_input(x, "crop2d");
  const Shape& s = x.shape();
  FR_CHECK(p.top >= 0 && p.left >= 0 && p.out_h > 0 && p.out_w > 0 && p.top + p.out_h <= s.h &&
               p.left + p.out_w <= s.w,
           "crop2d: window outside " + s.str());
  return run_crop2d(x, p);
}

Tensor Backend::reshape(const Tensor& x, const Shape& s) {
  if (stopped()) return {};
  check_input(x, "reshape");
  FR_CHECK(s.numel() == x.shape().numel() && s.n > 0 && s.c > 0 && s.h > 0 && s.w > 0,
           "reshape: " + x.shape().str() + " to " + s.str());
  return Tensor(s, x.shared_buffer(), this);
}

Tensor Backend::resize_bilinear(const Tensor& x, const ResizeParams& p) {
  if (stopped()) return {};
  check_input(x, "resize_bilinear");
  FR_CHECK(p.out_h > 0 && p.out_w > 0, "resize_bilinear: output size");
  return run_resize_bilinear(x, p);
}

Tensor Backend::resize_nearest(const Tensor& x, const ResizeParams& p) {
  if (stopped()) return {};
  check_input(x, "resize_nearest");
  FR_CHECK(p.out_h > 0 && p.out_w > 0, "resize_nearest: output size");
  return run_resize_nearest(x, p);
}

Tensor Backend::pixel_shuffle(const Tensor& x, int r) {
  if (stopped()) return {};
  check_input(x, "pixel_shuffle");
  const Shape& s = x.shape();
  FR_CHECK(r >= 1 && s.c % (r * r) == 0, "pixel_shuffle: " + s.str() + " by " + std::to_string(r));
  return run_pixel_shuffle(x, r, {s.n, s.c / (r * r), s.h * r, s.w * r});
}

Tensor Backend::pixel_unshuffle(const Tensor& x, int r) {
  if (stopped()) return {};
  check_input(x, "pixel_unshuffle");
  const Shape& s = x.shape();
  FR_CHECK(r >= 1 && s.h % r == 0 && s.w % r == 0,
           "pixel_unshuffle: " + s.str() + " by " + std::to_string(r));
  return run_pixel_unshuffle(x, r, {s.n, s.c * r * r, s.h / r, s.w / r});
}

Tensor Backend::binary(const Tensor& a, const Tensor& b, BinaryKind kind) {
  if (stopped()) return {};
  check_input(a, "binary");
  check_input(b, "binary");
  const Shape& x = a.shape();
  const Shape& y = b.shape();
  auto dim = [&](int p, int q) {
    FR_CHECK(p == q || p == 1 || q == 1,
             "binary: shapes " + x.str() + " and " + y.str() + " do not broadcast");
    return std::max(p, q);
  };
  return run_binary(a, b, kind, {dim(x.n, y.n), dim(x.c, y.c), dim(x.h, y.h), dim(x.w, y.w)});
}

Tensor Backend::scale_shift(const Tensor& x, const ScaleShiftParams& p) {
  if (stopped()) return {};
  check_input(x, "scale_shift");
  const int c = x.shape().c;
  check_channel_tensor(p.channel_scale, c, "scale_shift channel scale");
  check_channel_tensor(p.channel_shift, c, "scale_shift channel shift");
  check_activation(p.act, c, "scale_shift");
  return run_scale_shift(x, p);
}

Tensor Backend::clamp(const Tensor& x, float lo, float hi) {
  if (stopped()) return {};
  check_input(x, "clamp");
  FR_CHECK(lo <= hi, "clamp: lo > hi");
  return run_clamp(x, lo, hi);
}

Tensor Backend::concat_channels(const std::vector<Tensor>& parts) {
  if (stopped()) return {};
  FR_CHECK(!parts.empty(), "concat_channels: nothing to concatenate");
  check_input(parts.front(), "concat_channels");
  Shape out = parts.front().shape();
  out.c = 0;
  for (const Tensor& t : parts) {
    check_input(t, "concat_channels");
    const Shape& s = t.shape();
    FR_CHECK(s.n == out.n && s.h == out.h && s.w == out.w,
             "concat_channels: " + s.str() + " with " + parts.front().shape().str());
    out.c += s.c;
  }
  return run_concat_channels(parts, out);
}

Tensor Backend::slice_channels(const Tensor& x, int begin, int count) {
  if (stopped()) return {};
  check_input(x, "slice_channels");
  FR_CHECK(begin >= 0 && count > 0 && begin + count <= x.shape().c,
           "slice_channels: [" + std::to_string(begin) + ", +" + std::to_string(count) + ") of " +
               x.shape().str());
  return run_slice_channels(x, begin, count);
}

Tensor Backend::modulate_weights(const Tensor& weight, const Tensor& style,
                                 const ModulateParams& p) {
  if (stopped()) return {};
  check_input(weight, "modulate_weights");
  check_input(style, "modulate_weights");
  FR_CHECK(style.shape().numel() == weight.shape().c,
           "modulate_weights: weight " + weight.shape().str() + ", style " + style.shape().str());
  return run_modulate_weights(weight, style, p);
}

Tensor Backend::add_noise(const Tensor& x, const Tensor& noise, float weight) {
  if (stopped()) return {};
  check_input(x, "add_noise");
  check_input(noise, "add_noise");
  const Shape& s = x.shape();
  const Shape& ns = noise.shape();
  FR_CHECK(ns.c == 1 && ns.n == s.n && ns.h == s.h && ns.w == s.w,
           "add_noise: x " + s.str() + ", noise " + ns.str());
  return run_add_noise(x, noise, weight);
}

Tensor Backend::random_normal(int h, int w, uint64_t seed) {
  if (stopped()) return {};
  FR_CHECK(h > 0 && w > 0, "random_normal: size");
  return run_random_normal(h, w, seed);
}

Tensor Backend::softmax_channels(const Tensor& x, int group) {
  if (stopped()) return {};
  check_input(x, "softmax_channels");
  FR_CHECK(group >= 1 && x.shape().c % group == 0,
           "softmax_channels: " + x.shape().str() + " in groups of " + std::to_string(group));
  return run_softmax_channels(x, group);
}

Tensor Backend::max_pool2d(const Tensor& x, const MaxPoolParams& p) {
  if (stopped()) return {};
  check_input(x, "max_pool2d");
  FR_CHECK(p.kernel >= 1 && p.stride >= 1 && p.pad >= 0 && p.pad * 2 <= p.kernel,
           "max_pool2d: parameters");
  const Shape& s = x.shape();
  const Shape out{s.n, s.c, window_out(s.h, p.kernel, p.stride, p.pad),
                  window_out(s.w, p.kernel, p.stride, p.pad)};
  FR_CHECK(out.h > 0 && out.w > 0, "max_pool2d: empty output for " + s.str());
  return run_max_pool2d(x, p, out);
}

Tensor Backend::image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p) {
  if (stopped()) return {};
  FR_CHECK(image.data && image.h > 0 && image.w > 0 && image.row_bytes >= int64_t(image.w) * 3,
           "image_to_tensor: bad image view");
  return run_image_to_tensor(image, p);
}

Result<ImageU8> Backend::tensor_to_image(const Tensor& x, const TensorToImageParams& p) {
  if (failed()) return *error_;
  check_input(x, "tensor_to_image");
  FR_CHECK(x.shape().n == 1 && x.shape().c == 3, "tensor_to_image: " + x.shape().str());
  return run_tensor_to_image(x, p);
}

}  // namespace fr
