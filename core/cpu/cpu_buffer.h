// Storage of a CPU tensor: 64-byte aligned float32 values, in plain NCHW order or in a layout
// oneDNN chose (channels-last, or channels in blocks of 8 or 16 padded with zeros), which the
// convolutions produce and consume so that a chain of them never reorders in between. Every
// other op reads plain values: CpuBackend::data converts the buffer in place first.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

#include <oneapi/dnnl/dnnl.hpp>

#include "core/tensor.h"

namespace fr {

// The memory of one backend's buffers (any thread): counts of the bytes held by live buffers
// and the most held at once, and a cache of freed large blocks. Networks free and allocate
// the same sizes layer after layer; reusing a block saves the kernel faulting in fresh pages.
class CpuMemoryCounter {
 public:
  ~CpuMemoryCounter();
  std::atomic<int64_t> live{0}, peak{0};
  void add(int64_t bytes);

  // A 64-byte aligned block of at least `bytes` (a cached one up to 1/8 larger), and its
  // size; throws std::bad_alloc.
  std::pair<float*, size_t> take(size_t bytes);
  // Keeps the block for reuse while the cache holds under kCacheBytes, else frees it.
  void give(float* block, size_t bytes);
  // Frees every cached block.
  void release_cache();

  static constexpr size_t kMinCachedBytes = size_t(1) << 20;
  static constexpr size_t kCacheBytes = size_t(256) << 20;

 private:
  std::mutex mutex_;
  std::multimap<size_t, float*> cached_;
  size_t cached_bytes_ = 0;
};

class CpuBuffer final : public TensorBuffer {
 public:
  // Throws std::bad_alloc. `counter` (may be null) is charged while the buffer lives.
  CpuBuffer(size_t count, std::shared_ptr<CpuMemoryCounter> counter);
  ~CpuBuffer() override;
  CpuBuffer(const CpuBuffer&) = delete;
  CpuBuffer& operator=(const CpuBuffer&) = delete;

  // The values in layout(), whatever it is.
  float* raw() const { return data_; }
  size_t count() const { return count_; }
  const std::shared_ptr<CpuMemoryCounter>& counter() const { return counter_; }

  // nullopt: plain NCHW; otherwise the oneDNN layout (with its dimensions) of the values.
  const std::optional<dnnl::memory::desc>& layout() const { return layout_; }
  void set_layout(std::optional<dnnl::memory::desc> layout) { layout_ = std::move(layout); }
  // Takes `other`'s storage (and gives it this one's), the values now being in `layout`.
  void swap_storage(CpuBuffer& other, std::optional<dnnl::memory::desc> layout);

 private:
  float* data_ = nullptr;
  size_t count_ = 0;
  size_t bytes_ = 0;  // of the block data_ points to
  std::shared_ptr<CpuMemoryCounter> counter_;
  std::optional<dnnl::memory::desc> layout_;
};

// Reorders `from` (values in `from_layout`, nullopt: plain with the dims of `to_layout`)
// into a new buffer in `to_layout` (nullopt: plain with `from_layout`'s dims) on the calling
// thread's oneDNN stream. Throws std::bad_alloc or dnnl::error.
std::shared_ptr<CpuBuffer> reorder_buffer(const CpuBuffer& from,
                                          const std::optional<dnnl::memory::desc>& from_layout,
                                          const std::optional<dnnl::memory::desc>& to_layout);

// A plain NCHW f32 descriptor of the dimensions of `layout`.
dnnl::memory::desc plain_layout_like(const dnnl::memory::desc& layout);

// The thread's CPU engine and stream (oneDNN objects are not shared between threads here).
dnnl::engine& cpu_engine();
dnnl::stream& cpu_stream();

}  // namespace fr
