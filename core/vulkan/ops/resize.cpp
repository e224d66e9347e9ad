// resize_bilinear and resize_nearest.
#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ResizePush {  // kernels/resize_bilinear.comp and resize_nearest.comp
  int32_t nc, h, w, out_h, out_w;
  float inv_h, inv_w;
};
static_assert(sizeof(ResizePush) == 28);

}  // namespace

Tensor VulkanBackend::run_resize_bilinear(const Tensor& x, const ResizeParams& p) {
  return run_resize(Kernel::resize_bilinear, x, p);
}

Tensor VulkanBackend::run_resize_nearest(const Tensor& x, const ResizeParams& p) {
  return run_resize(Kernel::resize_nearest, x, p);
}

Tensor VulkanBackend::run_resize(Kernel kernel, const Tensor& x, const ResizeParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, s.c, p.out_h, p.out_w});
  if (y.empty()) return {};
  const ResizePush push{s.n * s.c, s.h, s.w, p.out_h, p.out_w, p.inv_scale_h, p.inv_scale_w};
  if (!run_flat(kernel, {range(x), range(y)}, &push, sizeof push, y.shape().numel())) return {};
  return y;
}

}  // namespace fr::vk
