#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct SoftmaxPush {  // kernels/softmax_channels.comp
  int32_t items, group, plane;
};
static_assert(sizeof(SoftmaxPush) == 12);

}  // namespace

Tensor VulkanBackend::run_softmax_channels(const Tensor& x, int group) {
  const Shape& s = x.shape();
  Tensor y = allocate(s);
  if (y.empty()) return {};
  const int64_t items = s.numel() / group;
  const SoftmaxPush push{int32_t(items), group, int32_t(s.plane())};
  if (!run_flat(Kernel::softmax_channels, {range(x), range(y)}, &push, sizeof push, items))
    return {};
  return y;
}

}  // namespace fr::vk
