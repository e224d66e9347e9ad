// The interface every network runs on. A model calls these ops without knowing which
// backend executes them; the pipeline picks the backend per run (see core/device.h).
//
// Error contract: ops return a Tensor directly. When something outside our control fails
// (out of memory, a device lost, a library error) the backend records the first error and
// enters its error state: every later op returns an empty Tensor and does nothing, and the
// error comes out of download(), finish() or status(). clear_error() leaves the state.
// Wrong shapes or mixed backends are programmer mistakes: FR_CHECK (std::logic_error).
//
// The public ops below check all of that once, here, and compute the output shape; a backend
// implements the protected run_* functions, which receive validated inputs.
//
// Threading: one backend instance is used by one thread at a time.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ops.h"
#include "core/tensor.h"

namespace fr {

class Backend {
 public:
  virtual ~Backend() = default;
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;

  // Short human-readable name, e.g. "cpu" or "vulkan:0 (AMD Radeon RX 6600)".
  virtual std::string name() const = 0;

  // --- memory ---
  Tensor upload(const HostTensor& host);
  Result<HostTensor> download(const Tensor& t);
  // Waits for all recorded work; reports the error state.
  virtual Status finish() = 0;

  // --- ops (contracts in core/ops.h) ---
  Tensor conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias, const Conv2dParams& p,
                const Tensor& residual = {});
  // x (N, in…) flattened per batch item, weight (out, in, 1, 1), bias (1,out,1,1) or empty:
  // y (N, out, 1, 1) = W·x + b.
  Tensor linear(const Tensor& x, const Tensor& weight, const Tensor& bias);
  Tensor conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                          const ConvTranspose2dParams& p);
  Tensor pad2d(const Tensor& x, const Pad2dParams& p);
  Tensor crop2d(const Tensor& x, const Crop2dParams& p);
  // The same data with another shape of equal element count (row-major order); no copy.
  Tensor reshape(const Tensor& x, const Shape& s);
  Tensor resize_bilinear(const Tensor& x, const ResizeParams& p);
  Tensor resize_nearest(const Tensor& x, const ResizeParams& p);
  // out[c, y·r+i, x·r+j] = in[c·r²+i·r+j, y, x]
  Tensor pixel_shuffle(const Tensor& x, int r);
  // out[c·r²+i·r+j, y, x] = in[c, y·r+i, x·r+j]; H and W divisible by r.
  Tensor pixel_unshuffle(const Tensor& x, int r);
  // Elementwise with broadcasting (core/ops.h BinaryKind); add and mul are the common cases.
  Tensor binary(const Tensor& a, const Tensor& b, BinaryKind kind);
  Tensor add(const Tensor& a, const Tensor& b) { return binary(a, b, BinaryKind::add); }
  Tensor mul(const Tensor& a, const Tensor& b) { return binary(a, b, BinaryKind::mul); }
  Tensor scale_shift(const Tensor& x, const ScaleShiftParams& p);
  Tensor clamp(const Tensor& x, float lo, float hi);
  // Channel concatenation of tensors with equal N, H, W; and the channel range
  // [begin, begin+count) of x.
  Tensor concat_channels(const std::vector<Tensor>& parts);
  Tensor slice_channels(const Tensor& x, int begin, int count);
  Tensor modulate_weights(const Tensor& weight, const Tensor& style, const ModulateParams& p);
  // y = x + weight · noise, noise (N,1,H,W) broadcast over channels.
  Tensor add_noise(const Tensor& x, const Tensor& noise, float weight);
  // A (1,1,h,w) map of standard normal values, a pure function of (seed, index): every
  // backend yields the same values (core/noise_rng.h).
  Tensor random_normal(int h, int w, uint64_t seed);
  // Softmax over consecutive groups of `group` channels, per pixel (C divisible by group).
  Tensor softmax_channels(const Tensor& x, int group);
  Tensor max_pool2d(const Tensor& x, const MaxPoolParams& p);
  Tensor image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p);
  Result<ImageU8> tensor_to_image(const Tensor& x, const TensorToImageParams& p);

  // --- memory ---
  // Waits for recorded work and returns cached memory that no live tensor uses to the system
  // (after an out-of-memory error, before retrying with less). Tensors stay valid.
  virtual void release_cached_memory() {}

  // --- counters, for benchmarks ---
  // Multiply-accumulates of the convolutions and linear layers run since the last reset
  // (conv2d: output elements · C/groups · KH · KW; linear: N · out · in; conv_transpose2d:
  // input elements · O · KH · KW), counted from shapes as the ops are called.
  int64_t mac_count() const { return macs_; }
  void reset_mac_count() { macs_ = 0; }
  // The most bytes of tensor memory held at once since the last reset (CPU: live tensors;
  // Vulkan: device memory reserved by the allocator), or −1 when the backend does not track it.
  virtual int64_t peak_memory_bytes() const { return -1; }
  virtual void reset_peak_memory() {}
  // The largest single tensor allocated since the last reset_peak_memory(), in bytes, or −1
  // when the backend does not track it.
  virtual int64_t largest_tensor_bytes() const { return -1; }

  // --- memory budget, for choosing tile sizes ---
  // Bytes this backend could still allocate now, as the system or the driver reports them
  // (memory this backend holds but does not use is not counted), or −1 when unknown.
  virtual int64_t free_memory_bytes() const { return -1; }
  // The largest single tensor the backend can hold, in bytes, or −1 for no limit of its own.
  virtual int64_t max_tensor_bytes() const { return -1; }

  // --- error state ---
  Status status() const;
  bool failed() const { return error_.has_value(); }
  void clear_error() { error_.reset(); }

  // --- cancelling ---
  // While *flag is true, every op puts the backend in its error state with the message
  // "cancelled" instead of running, so a long network stops within one op (GPU work already
  // submitted still completes). `flag` may be set from any thread; it must outlive the backend,
  // or be replaced (nullptr: none) first.
  void set_cancel_flag(const std::atomic<bool>* flag) { cancel_ = flag; }
  static constexpr const char* kCancelledMessage = "cancelled";

 protected:
  Backend() = default;
  // Records `message` as the error state unless one is already recorded.
  void fail(std::string message, ErrorKind kind = ErrorKind::general);
  void fail(const Error& error) { fail(error.message, error.kind); }
  // True when an op must not run: the backend has failed, or the cancel flag is set (which
  // records the "cancelled" error).
  bool stopped();

  // Implementations: inputs are non-empty tensors of this backend with valid shapes, the
  // backend is not in its error state, `out` is the output shape. On failure they call fail()
  // and return an empty Tensor (or an error).
  virtual Tensor run_upload(const HostTensor& host) = 0;
  virtual Result<HostTensor> run_download(const Tensor& t) = 0;
  virtual Tensor run_conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                            const Conv2dParams& p, int pad, const Tensor& residual,
                            const Shape& out) = 0;
  virtual Tensor run_linear(const Tensor& x, const Tensor& weight, const Tensor& bias,
                            const Shape& out) = 0;
  virtual Tensor run_conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                      const ConvTranspose2dParams& p, const Shape& out) = 0;
  virtual Tensor run_pad2d(const Tensor& x, const Pad2dParams& p, const Shape& out) = 0;
  virtual Tensor run_crop2d(const Tensor& x, const Crop2dParams& p) = 0;
  virtual Tensor run_resize_bilinear(const Tensor& x, const ResizeParams& p) = 0;
  virtual Tensor run_resize_nearest(const Tensor& x, const ResizeParams& p) = 0;
  virtual Tensor run_pixel_shuffle(const Tensor& x, int r, const Shape& out) = 0;
  virtual Tensor run_pixel_unshuffle(const Tensor& x, int r, const Shape& out) = 0;
  virtual Tensor run_binary(const Tensor& a, const Tensor& b, BinaryKind kind,
                            const Shape& out) = 0;
  virtual Tensor run_scale_shift(const Tensor& x, const ScaleShiftParams& p) = 0;
  virtual Tensor run_clamp(const Tensor& x, float lo, float hi) = 0;
  virtual Tensor run_concat_channels(const std::vector<Tensor>& parts, const Shape& out) = 0;
  virtual Tensor run_slice_channels(const Tensor& x, int begin, int count) = 0;
  virtual Tensor run_modulate_weights(const Tensor& weight, const Tensor& style,
                                      const ModulateParams& p) = 0;
  virtual Tensor run_add_noise(const Tensor& x, const Tensor& noise, float weight) = 0;
  virtual Tensor run_random_normal(int h, int w, uint64_t seed) = 0;
  virtual Tensor run_softmax_channels(const Tensor& x, int group) = 0;
  virtual Tensor run_max_pool2d(const Tensor& x, const MaxPoolParams& p, const Shape& out) = 0;
  virtual Tensor run_image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p) = 0;
  virtual Result<ImageU8> run_tensor_to_image(const Tensor& x, const TensorToImageParams& p) = 0;

 private:
  // FR_CHECKs that t was made by this backend and is non-empty.
  void check_input(const Tensor& t, const char* op) const;
  // check_input, plus: a (1,C,1,1)-sized per-channel tensor when not empty.
  void check_channel_tensor(const Tensor& t, int channels, const char* op) const;
  // A PReLU activation carries per-channel slopes for `channels` channels.
  void check_activation(const Activation& act, int channels, const char* op) const;

  std::optional<Error> error_;
  const std::atomic<bool>* cancel_ = nullptr;
  int64_t macs_ = 0;
};

}  // namespace fr
