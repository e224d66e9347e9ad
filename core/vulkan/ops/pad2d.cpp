#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct Pad2dPush {  // kernels/pad2d.comp
  int32_t nc, h, w, out_h;
  int32_t out_w, top, left, mode;
  float value;
};
static_assert(sizeof(Pad2dPush) == 36);

}  // namespace

Tensor VulkanBackend::run_pad2d(const Tensor& x, const Pad2dParams& p, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const Pad2dPush push{s.n * s.c, s.h, s.w, out.h, out.w, p.top, p.left, int32_t(p.mode), p.value};
  if (!run_flat(Kernel::pad2d, {range(x), range(y)}, &push, sizeof push, out.numel())) return {};
  return y;
}

}  // namespace fr::vk
