// pad2d and crop2d.
#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct Pad2dPush {  // kernels/pad2d.comp
  int32_t nc, h, w, out_h;
  int32_t out_w, top, left, mode;
  float value;
};
static_assert(sizeof(Pad2dPush) == 36);

struct Crop2dPush {  // kernels/crop2d.comp
  int32_t nc, h, w, top, left, out_h, out_w;
};
static_assert(sizeof(Crop2dPush) == 28);

}  // namespace

Tensor VulkanBackend::run_pad2d(const Tensor& x, const Pad2dParams& p, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const Pad2dPush push{s.n * s.c, s.h, s.w, out.h, out.w, p.top, p.left, int32_t(p.mode), p.value};
  if (!run_flat(Kernel::pad2d, {range(x), range(y)}, &push, sizeof push, out.numel())) return {};
  return y;
}

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
