// Internal to core/vulkan: the Vulkan backend class. Each op's host side lives in
// core/vulkan/ops/<op>.cpp, its shader in kernels/<op>.comp (Kernel::<op>).
#pragma once

#include <initializer_list>
#include <memory>

#include "core/backend.h"
#include "core/vulkan/vk_context.h"
#include "core/vulkan/vk_kernels.h"
#include "core/vulkan/vk_memory.h"
#include "core/vulkan/vk_stream.h"
#include "core/vulkan/vulkan_backend.h"

namespace fr::vk {

class VulkanBackend final : public Backend {
 public:
  static Result<std::unique_ptr<Backend>> create(const VulkanBackendOptions& options);
  ~VulkanBackend() override;

  std::string name() const override { return ctx_->label(); }
  Status finish() override;
  void release_cached_memory() override;
  // Device-local memory allocated to tensors and weights (including ranges retired but not
  // yet reclaimed).
  int64_t peak_memory_bytes() const override;
  void reset_peak_memory() override;
  int64_t largest_tensor_bytes() const override { return largest_tensor_; }
  // The driver's budget less its usage, or without VK_EXT_memory_budget 80% of the
  // device-local heaps less the blocks this backend holds.
  int64_t free_memory_bytes() const override;
  // maxStorageBufferRange: a shader binds each tensor whole.
  int64_t max_tensor_bytes() const override;

 protected:
  Tensor run_upload(const HostTensor& host) override;
  Result<HostTensor> run_download(const Tensor& t) override;
  // Every op of FR_OPS (core/ops.h), each in core/vulkan/ops/<op>.cpp.
  FR_OP_RUN_OVERRIDES

 private:
  VulkanBackend() = default;

  // A new tensor of `s` (contents undefined); empty with the error state set on failure.
  Tensor allocate(const Shape& s);
  // A raw buffer of `bytes` bytes for pixel data, released like a tensor.
  std::shared_ptr<VulkanBuffer> allocate_bytes(VkDeviceSize bytes, const char* what);
  static const Range& range(const Tensor& t);
  // The tensor's range, or a small placeholder for an absent optional input.
  const Range& range_or_dummy(const Tensor& t) const;
  // Records a dispatch; false (and the error state set) on failure.
  bool run(Kernel k, std::initializer_list<Range> ranges, const void* push, uint32_t push_bytes,
           uint32_t gx, uint32_t gy = 1, uint32_t gz = 1);
  // A dispatch of `groups` workgroups over a 2-D grid (Stream::group_grid).
  bool run_groups(Kernel k, std::initializer_list<Range> ranges, const void* push,
                  uint32_t push_bytes, uint64_t groups);
  // A dispatch of `count` invocations over the flat grid of kernels/common.glsl.
  bool run_flat(Kernel k, std::initializer_list<Range> ranges, const void* push,
                uint32_t push_bytes, uint64_t count);
  // Copies `bytes` from host memory into / out of a range, through staging when needed.
  bool write_range(const Range& dst, const void* src, VkDeviceSize bytes);
  bool read_range(const Range& src, void* dst, VkDeviceSize bytes);
  size_t element_bytes() const { return ctx_->fp16_storage() ? 2 : 4; }
  // Host code shared by ops whose kernels declare the same buffers and push block, each called
  // with the op's own kernel (core/vulkan/vk_shared_ops.cpp).
  // Copies channels [src_begin, src_begin + count) of src to channels [dst_begin, …) of dst,
  // for every batch item (kernels/copy_channels.glsl: concat_channels, slice_channels).
  bool run_copy_channels(Kernel kernel, const Tensor& src, int src_begin, int count,
                         const Tensor& dst, int dst_begin);
  // resize_bilinear, resize_nearest.
  Tensor run_resize(Kernel kernel, const Tensor& x, const ResizeParams& p);
  // pixel_shuffle, pixel_unshuffle.
  Tensor run_shuffle(Kernel kernel, const Tensor& x, int r, const Shape& out);

  // Destroyed in reverse order: the stream waits, then kernels, memory, device.
  std::unique_ptr<Context> ctx_;
  std::shared_ptr<MemoryState> memory_;
  int64_t largest_tensor_ = 0;  // bytes, since the last reset_peak_memory()
  std::unique_ptr<Kernels> kernels_;
  std::unique_ptr<Stream> stream_;
  std::shared_ptr<VulkanBuffer> dummy_;
};

}  // namespace fr::vk
