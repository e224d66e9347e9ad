#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct MaxPoolPush {  // kernels/max_pool2d.comp
  int32_t nc, h, w, out_h, out_w, kernel, stride, pad;
};
static_assert(sizeof(MaxPoolPush) == 32);

}  // namespace

Tensor VulkanBackend::run_max_pool2d(const Tensor& x, const MaxPoolParams& p, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const MaxPoolPush push{s.n * s.c, s.h, s.w, out.h, out.w, p.kernel, p.stride, p.pad};
  if (!run_flat(Kernel::max_pool2d, {range(x), range(y)}, &push, sizeof push, out.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
