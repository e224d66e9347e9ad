#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct LinearPush {  // kernels/linear.comp
  int32_t batch, in_count, out_count, has_bias;
};
static_assert(sizeof(LinearPush) == 16);

}  // namespace

Tensor VulkanBackend::run_linear(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                 const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const LinearPush push{out.n, int32_t(x.shape().numel() / out.n), out.c, bias.empty() ? 0 : 1};
  // One workgroup per output value.
  if (!run_groups(Kernel::linear, {range(x), range(weight), range_or_dummy(bias), range(y)}, &push,
                  sizeof push, out.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
