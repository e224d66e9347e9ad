// The interface every network runs on. A model calls these ops without knowing which
// backend executes them; the backend is created once for a device (core/device.h,
// create_backend) and the networks are loaded onto it.
//
// Error contract: ops return a Tensor directly. When something outside our control fails
// (out of memory, a device lost, a library error) the backend records the first error and
// enters its error state: every later op returns an empty Tensor and does nothing, and the
// error comes out of download(), finish() or status(). clear_error() leaves the state.
// Wrong shapes or mixed backends are programmer mistakes: FR_CHECK (std::logic_error).
//
// The ops are those of FR_OPS (core/ops.h), declared here from that list. Each public op
// checks all of that once (its contract, core/ops/<op>.cpp) and computes the output shape; a
// backend implements the protected run_<op> functions, which receive validated inputs.
//
// Threading: one backend instance is used by one thread at a time.
#pragma once

#include <atomic>
#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "core/ops.h"
#include "core/tensor.h"

// The declarations generated from FR_OPS (core/ops.h), for every op:
//   FR_OP_PUBLIC_DECLARATIONS: `result op(params);`, with the default arguments (Backend);
//   FR_OP_RUN_DECLARATIONS: `virtual result run_op(params, received) = 0;` (Backend);
//   FR_OP_RUN_OVERRIDES: `result run_op(params, received) override;` (each backend).
#define FR_OP_WITH_DEFAULT(...) = __VA_ARGS__
#define FR_OP_NO_DEFAULT(...)
#define FR_OP_UNPAREN(...) __VA_ARGS__
#define FR_OP_APPEND(...) __VA_OPT__(, ) __VA_ARGS__
#define FR_OP_RUN_PARAMS(params, received) (FR_OP_UNPAREN params FR_OP_APPEND received)
#define FR_OP_PUBLIC(result, name, params, received) result name params;
#define FR_OP_RUN(result, name, params, received) \
  virtual result run_##name FR_OP_RUN_PARAMS(params, received) = 0;
#define FR_OP_OVERRIDE(result, name, params, received) \
  result run_##name FR_OP_RUN_PARAMS(params, received) override;
#define FR_OP_PUBLIC_DECLARATIONS FR_OPS(FR_OP_PUBLIC, FR_OP_WITH_DEFAULT)
#define FR_OP_RUN_DECLARATIONS FR_OPS(FR_OP_RUN, FR_OP_NO_DEFAULT)
#define FR_OP_RUN_OVERRIDES FR_OPS(FR_OP_OVERRIDE, FR_OP_NO_DEFAULT)

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

  // --- ops: every op of FR_OPS, with its contract in core/ops.h ---
  FR_OP_PUBLIC_DECLARATIONS
  // binary's common cases.
  Tensor add(const Tensor& a, const Tensor& b) { return binary(a, b, BinaryKind::add); }
  Tensor mul(const Tensor& a, const Tensor& b) { return binary(a, b, BinaryKind::mul); }
  // The same data with another shape of equal element count (row-major order); no copy, so no
  // backend implementation (core/ops/reshape.cpp).
  Tensor reshape(const Tensor& x, const Shape& s);

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
  // Runs op `op`'s implementation. An exception escaping it (std::bad_alloc, a library's
  // error) becomes the error state with its kind (error_from_exception) and the op's empty
  // result, so that a failure inside the CPU backend is recovered from like a GPU's (smaller
  // tiles, another device). A programmer mistake (FR_CHECK's std::logic_error) propagates.
  template <class Run>
  auto guarded(const char* op, Run&& run) -> decltype(run());
  // The error that an exception from op `op` stands for: std::bad_alloc is out_of_memory; a
  // backend recognises its own libraries' errors by overriding this (the CPU backend:
  // oneDNN's out-of-memory status). Anything else is a general error naming the op.
  virtual Error error_from_exception(const char* op, const std::exception& e) const;

  // Implementations: inputs are non-empty tensors of this backend with valid shapes, the
  // backend is not in its error state, `out` is the output shape. On failure they call fail()
  // and return an empty Tensor (or an error).
  virtual Tensor run_upload(const HostTensor& host) = 0;
  virtual Result<HostTensor> run_download(const Tensor& t) = 0;
  FR_OP_RUN_DECLARATIONS

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

template <class Run>
auto Backend::guarded(const char* op, Run&& run) -> decltype(run()) {
  using Out = decltype(run());
  Error error;
  try {
    return run();
  } catch (const std::logic_error&) {
    throw;  // a programmer mistake
  } catch (const std::exception& e) {
    error = error_from_exception(op, e);
  } catch (...) {
    error = Error{std::string(op) + ": an unknown exception"};
  }
  fail(error);
  if constexpr (std::is_same_v<Out, Tensor>)
    return Tensor{};
  else
    return Out(error);
}

}  // namespace fr
