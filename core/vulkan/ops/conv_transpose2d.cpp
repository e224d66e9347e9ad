#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ConvTransposePush {  // kernels/conv_transpose2d.comp
  int32_t n, c, h, w;
  int32_t o, kh, kw, stride;
  int32_t pad, oh, ow, act;
  int32_t has_bias;
  float slope;
};
static_assert(sizeof(ConvTransposePush) == 56);

}  // namespace

Tensor VulkanBackend::run_conv_transpose2d(const Tensor& x, const Tensor& weight,
                                           const Tensor& bias, const ConvTranspose2dParams& p,
                                           const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  const ConvTransposePush push{xs.n,
                               xs.c,
                               xs.h,
                               xs.w,
                               ws.n,
                               ws.h,
                               ws.w,
                               p.stride,
                               p.pad,
                               out.h,
                               out.w,
                               int32_t(p.act.kind),
                               bias.empty() ? 0 : 1,
                               p.act.slope};
  if (!run_flat(Kernel::conv_transpose2d,
                {range(x), range(weight), range_or_dummy(bias), range_or_dummy(p.act.prelu_slopes),
                 range(y)},
                &push, sizeof push, out.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
