// add, mul, clamp (kernels/elementwise.comp) and scale_shift (kernels/scale_shift.comp).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ElementwisePush {
  int32_t count, op;  // op: 0 add, 1 mul, 2 clamp
  float lo, hi;
};
static_assert(sizeof(ElementwisePush) == 16);

struct ScaleShiftPush {
  int32_t count, c, plane, flags, act;
  float scale, shift, slope;
};
static_assert(sizeof(ScaleShiftPush) == 32);

}  // namespace

Tensor VulkanBackend::run_add(const Tensor& a, const Tensor& b) {
  return run_elementwise(a, b, 0, 0, 0);
}

Tensor VulkanBackend::run_mul(const Tensor& a, const Tensor& b) {
  return run_elementwise(a, b, 1, 0, 0);
}

Tensor VulkanBackend::run_clamp(const Tensor& x, float lo, float hi) {
  return run_elementwise(x, x, 2, lo, hi);
}

Tensor VulkanBackend::run_elementwise(const Tensor& a, const Tensor& b, int op, float lo,
                                      float hi) {
  Tensor y = allocate(a.shape());
  if (y.empty()) return {};
  const ElementwisePush push{int32_t(a.shape().numel()), op, lo, hi};
  if (!run_flat(Kernel::elementwise, {range(a), range(b), range(y)}, &push, sizeof push,
                a.shape().numel()))
    return {};
  return y;
}

Tensor VulkanBackend::run_scale_shift(const Tensor& x, const ScaleShiftParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate(s);
  if (y.empty()) return {};
  const ScaleShiftPush push{int32_t(s.numel()),
                            s.c,
                            int32_t(s.plane()),
                            (p.channel_scale.empty() ? 0 : 1) | (p.channel_shift.empty() ? 0 : 2),
                            int32_t(p.act.kind),
                            p.scale,
                            p.shift,
                            p.act.slope};
  if (!run_flat(Kernel::scale_shift,
                {range(x), range_or_dummy(p.channel_scale), range_or_dummy(p.channel_shift),
                 range_or_dummy(p.act.prelu_slopes), range(y)},
                &push, sizeof push, s.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
