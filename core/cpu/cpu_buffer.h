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
// Blocks of kHugeBytes and more are whole multiples of it, aligned to it and, on Linux, mapped
// on their own and advised to be backed by transparent huge pages: one fault and one zeroing
// per 2 MiB instead of per 4 KiB (core/os_memory.h).
class CpuMemoryPool {
 public:
  ~CpuMemoryPool();
  std::atomic<int64_t> live{0}, peak{0};
  // Blocks of kMinCachedBytes or more that take() had to get from the system.
  std::atomic<int64_t> fresh_blocks{0};
  void add(int64_t bytes);

  // A 64-byte aligned block of at least `bytes` (a cached one up to 1/8 larger), and its
  // size; throws std::bad_alloc.
  std::pair<float*, size_t> take(size_t bytes);
  // Keeps the block for reuse while the cache holds under kCacheBytes, else frees it.
  void give(float* block, size_t bytes);
  // Frees every cached block.
  void release_cache();
  size_t cached_bytes();

  static constexpr size_t kMinCachedBytes = size_t(1) << 20;
  static constexpr size_t kCacheBytes = size_t(256) << 20;
  static constexpr size_t kHugeBytes = size_t(2) << 20;

 private:
  // From the system and back; allocate_block returns null when there is no memory.
  static float* allocate_block(size_t bytes);
  static void free_block(float* block, size_t bytes);

  std::mutex mutex_;
  std::multimap<size_t, float*> cached_;
  size_t cached_bytes_ = 0;
};

class CpuBuffer final : public TensorBuffer {
 public:
  // `count` floats from `pool`, which is charged while the buffer lives. Throws std::bad_alloc.
  CpuBuffer(size_t count, std::shared_ptr<CpuMemoryPool> pool);
  ~CpuBuffer() override;
  CpuBuffer(const CpuBuffer&) = delete;
  CpuBuffer& operator=(const CpuBuffer&) = delete;

  // The values in layout(), whatever it is.
  float* raw() const { return data_; }
  size_t count() const { return count_; }

  // nullopt: plain NCHW; otherwise the oneDNN layout (with its dimensions) of the values.
  const std::optional<dnnl::memory::desc>& layout() const { return layout_; }
  // Declares the layout of values just written (an op's output); nullopt: plain.
  void set_layout(std::optional<dnnl::memory::desc> layout) { layout_ = std::move(layout); }
  // Reorders the values in place into `want` (a plain descriptor means plain order), through
  // new storage from the same pool. The current layout may have other dimensions (a reshape
  // shares the buffer): plain order is the same for both. Throws std::bad_alloc or
  // dnnl::error; no-op when already there.
  void convert_to(const dnnl::memory::desc& want);
  void convert_to_plain();

 private:
  float* data_ = nullptr;
  size_t count_ = 0;
  size_t bytes_ = 0;  // of the block data_ points to
  std::shared_ptr<CpuMemoryPool> pool_;
  std::optional<dnnl::memory::desc> layout_;
};

// A plain f32 descriptor of the dimensions of `layout` (nchw, or goihw for 5-D weights).
dnnl::memory::desc plain_layout_like(const dnnl::memory::desc& layout);
bool is_plain(const dnnl::memory::desc& layout);

// The thread's CPU engine and stream (oneDNN objects are not shared between threads here).
dnnl::engine& cpu_engine();
dnnl::stream& cpu_stream();

}  // namespace fr
