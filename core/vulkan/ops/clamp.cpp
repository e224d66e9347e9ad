#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ClampPush {  // kernels/clamp.comp
  int32_t count;
  float lo, hi;
};
static_assert(sizeof(ClampPush) == 12);

}  // namespace

Tensor VulkanBackend::run_clamp(const Tensor& x, float lo, float hi) {
  Tensor y = allocate(x.shape());
  if (y.empty()) return {};
  const ClampPush push{int32_t(x.shape().numel()), lo, hi};
  if (!run_flat(Kernel::clamp, {range(x), range(y)}, &push, sizeof push, x.shape().numel()))
    return {};
  return y;
}

}  // namespace fr::vk
