// Host code shared by ops whose kernels declare the same buffers and push block; each op's file
// in core/vulkan/ops/ calls it with its own kernel.
#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct CopyChannelsPush {  // kernels/copy_channels.glsl
  int32_t n, count, plane, src_c, src_begin, dst_c, dst_begin;
};
static_assert(sizeof(CopyChannelsPush) == 28);

struct ResizePush {  // kernels/resize_bilinear.comp and resize_nearest.comp
  int32_t nc, h, w, out_h, out_w;
  float inv_h, inv_w;
};
static_assert(sizeof(ResizePush) == 28);

struct PixelShufflePush {  // kernels/pixel_shuffle.comp and pixel_unshuffle.comp; c, h, w of x
  int32_t n, c, h, w, r;
};
static_assert(sizeof(PixelShufflePush) == 20);

}  // namespace

bool VulkanBackend::run_copy_channels(Kernel kernel, const Tensor& src, int src_begin, int count,
                                      const Tensor& dst, int dst_begin) {
  const Shape& s = src.shape();
  const int dst_c = dst.shape().c;
  const CopyChannelsPush push{s.n, count, int32_t(s.plane()), s.c, src_begin, dst_c, dst_begin};
  return run_flat(kernel, {range(src), range(dst)}, &push, sizeof push,
                  int64_t(s.n) * count * s.plane());
}

Tensor VulkanBackend::run_resize(Kernel kernel, const Tensor& x, const ResizeParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, s.c, p.out_h, p.out_w});
  if (y.empty()) return {};
  const ResizePush push{s.n * s.c, s.h, s.w, p.out_h, p.out_w, p.inv_scale_h, p.inv_scale_w};
  if (!run_flat(kernel, {range(x), range(y)}, &push, sizeof push, y.shape().numel())) return {};
  return y;
}

Tensor VulkanBackend::run_shuffle(Kernel kernel, const Tensor& x, int r, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const PixelShufflePush push{s.n, s.c, s.h, s.w, r};
  if (!run_flat(kernel, {range(x), range(y)}, &push, sizeof push, out.numel())) return {};
  return y;
}

}  // namespace fr::vk
