#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

// Mirrors the push block of kernels/conv2d.comp.
struct Conv2dPush {
  int32_t n, c, h, w;
  int32_t o, kh, kw, stride;
  int32_t pad, groups, oh, ow;
  int32_t act, flags;
  float slope, out_scale;
};
static_assert(sizeof(Conv2dPush) == 64 && sizeof(Conv2dPush) <= kMaxPushBytes);

constexpr uint32_t kTile = 64;  // TM = TN in conv2d.comp

}  // namespace

Tensor VulkanBackend::run_conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                 const Conv2dParams& p, const Tensor& residual, int pad,
                                 const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  const Conv2dPush push{xs.n,
                        xs.c,
                        xs.h,
                        xs.w,
                        ws.n,
                        ws.h,
                        ws.w,
                        p.stride,
                        pad,
                        p.groups,
                        out.h,
                        out.w,
                        int32_t(p.act.kind),
                        (bias.empty() ? 0 : 1) | (residual.empty() ? 0 : 2),
                        p.act.slope,
                        p.out_scale};
  const uint32_t pixels = uint32_t(out.h) * uint32_t(out.w);
  const uint32_t per_group = uint32_t(ws.n / p.groups);
  if (!run(Kernel::conv2d,
           {range(x), range(weight), range_or_dummy(bias), range_or_dummy(p.act.prelu_slopes),
            range_or_dummy(residual), range(y)},
           &push, sizeof push, (pixels + kTile - 1) / kTile, (per_group + kTile - 1) / kTile,
           uint32_t(xs.n * p.groups)))
    return {};
  return y;
}

}  // namespace fr::vk
