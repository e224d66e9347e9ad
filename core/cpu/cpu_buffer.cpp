#include "core/cpu/cpu_buffer.h"

#include <algorithm>
#include <cstdlib>
#include <new>
#include <tuple>
#include <utility>

namespace fr {

void CpuMemoryCounter::add(int64_t bytes) {
  const int64_t now = live.fetch_add(bytes) + bytes;
  int64_t seen = peak.load();
  while (now > seen && !peak.compare_exchange_weak(seen, now)) {
  }
}

CpuMemoryCounter::~CpuMemoryCounter() {
  release_cache();
}

std::pair<float*, size_t> CpuMemoryCounter::take(size_t bytes) {
  // aligned_alloc needs a multiple of the alignment.
  bytes = std::max<size_t>(64, (bytes + 63) / 64 * 64);
  if (bytes >= kMinCachedBytes) {
    std::lock_guard lock(mutex_);
    auto it = cached_.lower_bound(bytes);
    if (it != cached_.end() && it->first <= bytes + bytes / 8) {
      const std::pair<float*, size_t> block{it->second, it->first};
      cached_bytes_ -= it->first;
      cached_.erase(it);
      return block;
    }
  }
  auto* block = static_cast<float*>(std::aligned_alloc(64, bytes));
  if (!block) {
    release_cache();
    block = static_cast<float*>(std::aligned_alloc(64, bytes));
    if (!block) throw std::bad_alloc();
  }
  return {block, bytes};
}

void CpuMemoryCounter::give(float* block, size_t bytes) {
  if (bytes >= kMinCachedBytes) {
    std::lock_guard lock(mutex_);
    if (cached_bytes_ + bytes <= kCacheBytes) {
      cached_.emplace(bytes, block);
      cached_bytes_ += bytes;
      return;
    }
  }
  std::free(block);
}

void CpuMemoryCounter::release_cache() {
  std::lock_guard lock(mutex_);
  for (const auto& [bytes, block] : cached_) std::free(block);
  cached_.clear();
  cached_bytes_ = 0;
}

CpuBuffer::CpuBuffer(size_t count, std::shared_ptr<CpuMemoryCounter> counter)
    : count_(count), counter_(std::move(counter)) {
  if (counter_) {
    std::tie(data_, bytes_) = counter_->take(count * sizeof(float));
    counter_->add(int64_t(count * sizeof(float)));
    return;
  }
  bytes_ = std::max<size_t>(64, (count * sizeof(float) + 63) / 64 * 64);
  data_ = static_cast<float*>(std::aligned_alloc(64, bytes_));
  if (!data_) throw std::bad_alloc();
}

CpuBuffer::~CpuBuffer() {
  if (!counter_) {
    std::free(data_);
    return;
  }
  counter_->give(data_, bytes_);
  counter_->add(-int64_t(count_ * sizeof(float)));
}

void CpuBuffer::swap_storage(CpuBuffer& other, std::optional<dnnl::memory::desc> layout) {
  std::swap(data_, other.data_);
  std::swap(count_, other.count_);
  std::swap(bytes_, other.bytes_);
  std::swap(counter_, other.counter_);
  layout_ = std::move(layout);
  other.layout_.reset();
}

dnnl::memory::desc plain_layout_like(const dnnl::memory::desc& layout) {
  return dnnl::memory::desc(
      layout.dims(), dnnl::memory::data_type::f32,
      layout.dims().size() == 5 ? dnnl::memory::format_tag::goihw : dnnl::memory::format_tag::nchw);
}

std::shared_ptr<CpuBuffer> reorder_buffer(const CpuBuffer& from,
                                          const std::optional<dnnl::memory::desc>& from_layout,
                                          const std::optional<dnnl::memory::desc>& to_layout) {
  const dnnl::memory::desc src = from_layout ? *from_layout : plain_layout_like(*to_layout);
  const dnnl::memory::desc dst = to_layout ? *to_layout : plain_layout_like(*from_layout);
  auto out = std::make_shared<CpuBuffer>(dst.get_size() / sizeof(float), from.counter());
  out->set_layout(to_layout);
  dnnl::memory src_mem(src, cpu_engine(), from.raw());
  dnnl::memory dst_mem(dst, cpu_engine(), out->raw());
  dnnl::reorder(src_mem, dst_mem).execute(cpu_stream(), src_mem, dst_mem);
  cpu_stream().wait();
  return out;
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
