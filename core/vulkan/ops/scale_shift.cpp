#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ScaleShiftPush {
  int32_t count, c, plane, flags, act;
  float scale, shift, slope;
};
static_assert(sizeof(ScaleShiftPush) == 32);

}  // namespace

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
