#include "core/vulkan/vk_backend.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/half.h"

namespace fr {

Result<std::unique_ptr<Backend>> create_vulkan_backend(const VulkanBackendOptions& options) {
  return vk::VulkanBackend::create(options);
}

namespace vk {

Result<std::unique_ptr<Backend>> VulkanBackend::create(const VulkanBackendOptions& options) {
  std::unique_ptr<VulkanBackend> b(new VulkanBackend);
  auto ctx = Context::create({options.device_index, options.fp16_storage, options.force_staging});
  if (!ctx) return ctx.error();
  b->ctx_ = std::move(*ctx);
  b->memory_ = std::make_shared<MemoryState>(*b->ctx_);
  auto kernels = Kernels::create(*b->ctx_);
  if (!kernels) return kernels.error();
  b->kernels_ = std::move(*kernels);
  auto stream = Stream::create(*b->ctx_, *b->memory_);
  if (!stream) return stream.error();
  b->stream_ = std::move(*stream);
  b->dummy_ = b->allocate_bytes(256, "setting up");
  if (!b->dummy_) return b->status().error();
  return std::unique_ptr<Backend>(std::move(b));
}

VulkanBackend::~VulkanBackend() {
  dummy_.reset();
  stream_.reset();  // waits for the GPU
  kernels_.reset();
  if (memory_) memory_->shutdown();
}

const Range& VulkanBackend::range(const Tensor& t) {
  return static_cast<VulkanBuffer*>(t.buffer())->range();
}

const Range& VulkanBackend::range_or_dummy(const Tensor& t) const {
  return t.empty() ? dummy_->range() : range(t);
}

std::shared_ptr<VulkanBuffer> VulkanBackend::allocate_bytes(VkDeviceSize bytes, const char* what) {
  auto r = memory_->allocate(MemoryState::kDevice, (bytes + 3) / 4 * 4, what);
  if (!r) {
    fail(r.error());
    return nullptr;
  }
  return std::make_shared<VulkanBuffer>(memory_, *r);
}

Tensor VulkanBackend::allocate(const Shape& s) {
  FR_CHECK(s.n > 0 && s.c > 0 && s.h > 0 && s.w > 0, "allocate " + s.str());
  const uint64_t bytes = uint64_t(s.numel()) * element_bytes();
  const uint64_t limit = ctx_->properties().limits.maxStorageBufferRange;
  if (bytes > limit) {
    fail("out of memory: a tensor of " + s.str() + " (" + std::to_string(bytes >> 20) +
             " MiB) is larger than the largest buffer " + ctx_->label() + " can use (" +
             std::to_string(limit >> 20) + " MiB); try a smaller tile size",
         ErrorKind::out_of_memory);
    return {};
  }
  auto buffer = allocate_bytes(bytes, ("allocating a tensor of " + s.str()).c_str());
  if (!buffer) return {};
  largest_tensor_ = std::max(largest_tensor_, int64_t(bytes));
  return Tensor(s, std::move(buffer), this);
}

bool VulkanBackend::run(Kernel k, std::initializer_list<Range> ranges, const void* push,
                        uint32_t push_bytes, uint32_t gx, uint32_t gy, uint32_t gz) {
  const auto& limits = ctx_->properties().limits.maxComputeWorkGroupCount;
  if (gx > limits[0] || gy > limits[1] || gz > limits[2]) {
    // Reported as out of memory: like one, it goes away with a smaller tile.
    fail("the work is too large for one dispatch on " + ctx_->label() + "; try a smaller tile size",
         ErrorKind::out_of_memory);
    return false;
  }
  if (auto st = stream_->dispatch(kernels_->get(k), ranges, push, push_bytes, gx, gy, gz); !st) {
    fail(st.error());
    return false;
  }
  return true;
}

bool VulkanBackend::run_groups(Kernel k, std::initializer_list<Range> ranges, const void* push,
                               uint32_t push_bytes, uint64_t groups) {
  uint32_t gx, gy;
  stream_->group_grid(groups, gx, gy);
  return run(k, ranges, push, push_bytes, gx, gy, 1);
}

bool VulkanBackend::run_flat(Kernel k, std::initializer_list<Range> ranges, const void* push,
                             uint32_t push_bytes, uint64_t count) {
  uint32_t gx, gy;
  stream_->flat_grid(count, gx, gy);
  return run(k, ranges, push, push_bytes, gx, gy, 1);
}

bool VulkanBackend::write_range(const Range& dst, const void* src, VkDeviceSize bytes) {
  if (dst.mapped && memory_->idle(dst)) {  // unified memory no pending work uses
    std::memcpy(dst.mapped, src, bytes);
    return true;
  }
  auto staging = memory_->allocate(MemoryState::kStaging, bytes, "uploading data");
  if (!staging) {
    fail(staging.error());
    return false;
  }
  std::memcpy(staging->mapped, src, bytes);
  const auto st = stream_->copy(*staging, dst, bytes);
  memory_->retire(*staging);  // freed once the copy has run
  if (!st) fail(st.error());
  return st.ok();
}

bool VulkanBackend::read_range(const Range& src, void* dst, VkDeviceSize bytes) {
  Range from = src;
  Range staging;
  if (!src.mapped) {
    auto r = memory_->allocate(MemoryState::kStaging, bytes, "downloading results");
    if (!r) {
      fail(r.error());
      return false;
    }
    staging = *r;
    if (auto st = stream_->copy(src, staging, bytes); !st) {
      memory_->retire(staging);
      fail(st.error());
      return false;
    }
    from = staging;
  }
  const auto st = stream_->wait_idle();
  if (st) std::memcpy(dst, from.mapped, bytes);
  if (staging.buffer) memory_->retire(staging);
  if (!st) fail(st.error());
  return st.ok();
}

Status VulkanBackend::finish() {
  if (failed()) return status();
  if (auto st = stream_->wait_idle(); !st) fail(st.error());
  return status();
}

void VulkanBackend::release_cached_memory() {
  // Completed batches hand their retired ranges back to the pools; then empty blocks go.
  if (auto st = stream_->wait_idle(); !st) fail(st.error());
  memory_->release_empty_blocks();
}

int64_t VulkanBackend::peak_memory_bytes() const {
  return int64_t(memory_->peak_used_bytes(MemoryState::kDevice));
}

void VulkanBackend::reset_peak_memory() {
  memory_->reset_peak(MemoryState::kDevice);
  largest_tensor_ = 0;
}

int64_t VulkanBackend::free_memory_bytes() const {
  return int64_t(ctx_->free_device_memory(memory_->reserved_bytes(MemoryState::kDevice), 0.8));
}

int64_t VulkanBackend::max_tensor_bytes() const {
  return int64_t(ctx_->properties().limits.maxStorageBufferRange);
}

Tensor VulkanBackend::run_upload(const HostTensor& host) {
  Tensor t = allocate(host.shape);
  if (t.empty()) return {};
  if (!ctx_->fp16_storage()) {
    write_range(range(t), host.data.data(), host.data.size() * 4);
  } else {
    std::vector<uint16_t> half(host.data.size());
    for (size_t i = 0; i < half.size(); ++i) half[i] = float_to_half(host.data[i]);
    write_range(range(t), half.data(), half.size() * 2);
  }
  return failed() ? Tensor{} : t;
}

Result<HostTensor> VulkanBackend::run_download(const Tensor& t) {
  HostTensor host(t.shape());
  const size_t n = host.data.size();
  if (!ctx_->fp16_storage()) {
    if (!read_range(range(t), host.data.data(), n * 4)) return status().error();
  } else {
    std::vector<uint16_t> half(n);
    if (!read_range(range(t), half.data(), n * 2)) return status().error();
    for (size_t i = 0; i < n; ++i) host.data[i] = half_to_float(half[i]);
  }
  return host;
}

}  // namespace vk
}  // namespace fr
