#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct Crop2dPush {  // kernels/crop2d.comp
  int32_t nc, h, w, top, left, out_h, out_w;
};
static_assert(sizeof(Crop2dPush) == 28);

}  // namespace

Tensor VulkanBackend::run_crop2d(const Tensor& x, const Crop2dParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, s.c, p.out_h, p.out_w});
  if (y.empty()) return {};
  const Crop2dPush push{s.n * s.c, s.h, s.w, p.top, p.left, p.out_h, p.out_w};
  if (!run_flat(Kernel::crop2d, {range(x), range(y)}, &push, sizeof push, y.shape().numel()))
    return {};
  return y;
}

}  // namespace fr::vk
