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
  // One workgroup per output value, laid out over a 2-D grid of groups.
  const uint32_t items = uint32_t(out.n) * uint32_t(out.c);
  const uint32_t gx = std::min<uint32_t>(items, 65535), gy = (items + gx - 1) / gx;
  if (!run(Kernel::linear, {range(x), range(weight), range_or_dummy(bias), range(y)}, &push,
           sizeof push, gx, gy))
    return {};
  return y;
}

}  // namespace fr::vk
