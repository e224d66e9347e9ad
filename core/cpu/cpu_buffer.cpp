#include "core/cpu/cpu_buffer.h"

#include <algorithm>
#include <cstdint>
#include <new>
#include <tuple>
#include <utility>

#include "core/fault_injection.h"
#include "core/os_memory.h"

namespace fr {

void CpuMemoryPool::add(int64_t bytes) {
  const int64_t now = live.fetch_add(bytes) + bytes;
  int64_t seen = peak.load();
  while (now > seen && !peak.compare_exchange_weak(seen, now)) {
  }
}

CpuMemoryPool::~CpuMemoryPool() {
  release_cache();
}

std::pair<float*, size_t> CpuMemoryPool::take(size_t bytes) {
  if (faults::cpu_allocation_fails(bytes)) throw std::bad_alloc();
  // aligned_alloc needs a multiple of the alignment; huge blocks are whole huge pages.
  bytes = std::max<size_t>(64, (bytes + 63) / 64 * 64);
  if (bytes >= kHugeBytes) bytes = (bytes + kHugeBytes - 1) / kHugeBytes * kHugeBytes;
  if (bytes >= kMinCachedBytes) {
    std::lock_guard lock(mutex_);
    auto it = cached_.lower_bound(bytes);
    if (it != cached_.end() && it->first <= bytes + bytes / 8) {
      const std::pair<float*, size_t> block{it->second, it->first};
      cached_bytes_ -= it->first;
      cached_.erase(it);
      return block;
    }
    fresh_blocks.fetch_add(1);
  }
  float* block = allocate_block(bytes);
  if (!block) {
    release_cache();
    block = allocate_block(bytes);
    if (!block) throw std::bad_alloc();
  }
  return {block, bytes};
}

float* CpuMemoryPool::allocate_block(size_t bytes) {
  // Large blocks get a mapping of their own, not the heap's: the huge-page advice then covers
  // that block only, and freeing it returns its pages at once.
  if (bytes >= kHugeBytes) return static_cast<float*>(os_memory::map_block(bytes, kHugeBytes));
  return static_cast<float*>(os_memory::allocate_aligned(bytes, 64));
}

void CpuMemoryPool::free_block(float* block, size_t bytes) {
  if (bytes >= kHugeBytes)
    os_memory::unmap_block(block, bytes);
  else
    os_memory::free_aligned(block);
}

void CpuMemoryPool::give(float* block, size_t bytes) {
  if (bytes >= kMinCachedBytes) {
    std::lock_guard lock(mutex_);
    if (cached_bytes_ + bytes <= kCacheBytes) {
      cached_.emplace(bytes, block);
      cached_bytes_ += bytes;
      return;
    }
  }
  free_block(block, bytes);
}

void CpuMemoryPool::release_cache() {
  std::lock_guard lock(mutex_);
  for (const auto& [bytes, block] : cached_) free_block(block, bytes);
  cached_.clear();
  cached_bytes_ = 0;
  // glibc keeps freed heap pages (blocks under its mmap threshold) resident until trimmed.
  os_memory::trim_heap();
}

size_t CpuMemoryPool::cached_bytes() {
  std::lock_guard lock(mutex_);
  return cached_bytes_;
}

CpuBuffer::CpuBuffer(size_t count, std::shared_ptr<CpuMemoryPool> pool)
    : count_(count), pool_(std::move(pool)) {
  std::tie(data_, bytes_) = pool_->take(count * sizeof(float));
  pool_->add(int64_t(count * sizeof(float)));
}

CpuBuffer::~CpuBuffer() {
  pool_->give(data_, bytes_);
  pool_->add(-int64_t(count_ * sizeof(float)));
}

dnnl::memory::desc plain_layout_like(const dnnl::memory::desc& layout) {
  return dnnl::memory::desc(
      layout.dims(), dnnl::memory::data_type::f32,
      layout.dims().size() == 5 ? dnnl::memory::format_tag::goihw : dnnl::memory::format_tag::nchw);
}

bool is_plain(const dnnl::memory::desc& layout) {
  return layout == plain_layout_like(layout);
}

void CpuBuffer::convert_to(const dnnl::memory::desc& want) {
  const bool want_plain = is_plain(want);
  if (layout_ ? *layout_ == want : want_plain) return;
  // From another blocking of other dimensions, go through plain order first.
  if (layout_ && layout_->dims() != want.dims()) convert_to_plain();
  const dnnl::memory::desc from = layout_ ? *layout_ : plain_layout_like(want);
  CpuBuffer out(want.get_size() / sizeof(float), pool_);
  dnnl::memory src(from, cpu_engine(), data_), dst(want, cpu_engine(), out.data_);
  dnnl::reorder(src, dst).execute(cpu_stream(), src, dst);
  cpu_stream().wait();
  std::swap(data_, out.data_);
  std::swap(count_, out.count_);
  std::swap(bytes_, out.bytes_);
  layout_ = want_plain ? std::nullopt : std::optional(want);
}

void CpuBuffer::convert_to_plain() {
  if (layout_) convert_to(plain_layout_like(*layout_));
}

dnnl::engine& cpu_engine() {
  thread_local dnnl::engine engine(dnnl::engine::kind::cpu, 0);
  return engine;
}

dnnl::stream& cpu_stream() {
  thread_local dnnl::stream stream(cpu_engine());
  return stream;
}

}  // namespace fr
