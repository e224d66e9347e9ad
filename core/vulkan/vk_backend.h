// Internal to core/vulkan: the Vulkan backend class. Each op's host side lives in
// core/vulkan/ops/<op>.cpp, its shader in kernels/<op>.comp.
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
  Tensor run_conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                    const Conv2dParams& p, int pad, const Tensor& residual,
                    const Shape& out) override;
  Tensor run_linear(const Tensor& x, const Tensor& weight, const Tensor& bias,
                    const Shape& out) override;
  Tensor run_conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                              const ConvTranspose2dParams& p, const Shape& out) override;
  Tensor run_pad2d(const Tensor& x, const Pad2dParams& p, const Shape& out) override;
  Tensor run_crop2d(const Tensor& x, const Crop2dParams& p) override;
  Tensor run_resize_bilinear(const Tensor& x, const ResizeParams& p) override;
  Tensor run_resize_nearest(const Tensor& x, const ResizeParams& p) override;
  Tensor run_pixel_shuffle(const Tensor& x, int r, const Shape& out) override;
  Tensor run_pixel_unshuffle(const Tensor& x, int r, const Shape& out) override;
  Tensor run_binary(const Tensor& a, const Tensor& b, BinaryKind kind, const Shape& out) override;
  Tensor run_scale_shift(const Tensor& x, const ScaleShiftParams& p) override;
  Tensor run_clamp(const Tensor& x, float lo, float hi) override;
  Tensor run_concat_channels(const std::vector<Tensor>& parts, const Shape& out) override;
  Tensor run_slice_channels(const Tensor& x, int begin, int count) override;
  Tensor run_modulate_weights(const Tensor& weight, const Tensor& style,
                              const ModulateParams& p) override;
  Tensor run_add_noise(const Tensor& x, const Tensor& noise, float weight) override;
  Tensor run_random_normal(int h, int w, uint64_t seed) override;
  Tensor run_softmax_channels(const Tensor& x, int group) override;
  Tensor run_max_pool2d(const Tensor& x, const MaxPoolParams& p, const Shape& out) override;
  Tensor run_image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p) override;
  Result<ImageU8> run_tensor_to_image(const Tensor& x, const TensorToImageParams& p) override;

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
  // Shared bodies of op pairs that differ only in a kernel or a flag.
  Tensor run_resize(Kernel kernel, const Tensor& x, const ResizeParams& p);
  Tensor run_shuffle(const Tensor& x, int r, const Shape& out, bool unshuffle);

  // Destroyed in reverse order: the stream waits, then kernels, memory, device.
  std::unique_ptr<Context> ctx_;
  std::shared_ptr<MemoryState> memory_;
  int64_t largest_tensor_ = 0;  // bytes, since the last reset_peak_memory()
  std::unique_ptr<Kernels> kernels_;
  std::unique_ptr<Stream> stream_;
  std::shared_ptr<VulkanBuffer> dummy_;
};

}  // namespace fr::vk
