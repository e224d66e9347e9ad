// The CPU backend: float32 NCHW tensors in host memory. Convolutions run through oneDNN
// (primitives cached by shape and fused post-ops, core/cpu/conv2d.cpp); every other op is
// plain C++ threaded with OpenMP, the same runtime oneDNN uses here, so one thread count
// governs both. Each op's body lives in core/cpu/<op>.cpp.
#pragma once

#include <memory>

#include "core/backend.h"

namespace fr {

struct CpuMemoryPool;

struct CpuBackendOptions {
  int threads = 0;  // 0: one per hardware thread
};

class CpuBackend final : public Backend {
 public:
  explicit CpuBackend(const CpuBackendOptions& options = {});
  ~CpuBackend() override;

  std::string name() const override { return "cpu"; }
  int threads() const { return threads_; }

  Status finish() override { return status(); }
  // Frees the blocks kept for reuse (CpuMemoryPool).
  void release_cached_memory() override;
  int64_t peak_memory_bytes() const override;
  void reset_peak_memory() override;
  // The memory the operating system reports available (available_memory_bytes).
  int64_t free_memory_bytes() const override;

 protected:
  // oneDNN's errors: its out-of-memory status is out_of_memory, anything else names oneDNN.
  Error error_from_exception(const char* op, const std::exception& e) const override;
  Tensor run_upload(const HostTensor& host) override;
  Result<HostTensor> run_download(const Tensor& t) override;
  // Every op of FR_OPS (core/ops.h), each in core/cpu/<op>.cpp.
  FR_OP_RUN_OVERRIDES

 private:
  // A new uninitialised tensor (of `floats` values, 0: s.numel()); empty (and the error state
  // set) if memory runs out.
  Tensor allocate(const Shape& s, size_t floats = 0);
  // The tensor's values in plain NCHW order; a buffer in a convolution's blocked layout is
  // converted in place first (core/cpu/cpu_buffer.h). Throws std::bad_alloc if that
  // conversion runs out of memory.
  static float* data(const Tensor& t);
  // Applies `act` in place to a (N,C,H,W) block.
  static void apply_activation(float* y, const Shape& s, const Activation& act);

  // oneDNN primitives keyed by shape and fusion (defined in conv2d.cpp).
  struct ConvCache;
  struct ConvCacheDeleter {
    void operator()(ConvCache* c) const;
  };
  static std::unique_ptr<ConvCache, ConvCacheDeleter> make_conv_cache();
  std::unique_ptr<ConvCache, ConvCacheDeleter> conv_cache_;
  int threads_ = 1;
  std::shared_ptr<CpuMemoryPool> memory_;
};

}  // namespace fr
