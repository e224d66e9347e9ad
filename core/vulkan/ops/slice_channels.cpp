// slice_channels: channels [begin, begin + count) of x (kernels/slice_channels.comp).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {

Tensor VulkanBackend::run_slice_channels(const Tensor& x, int begin, int count) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, count, s.h, s.w});
  if (y.empty()) return {};
  if (!run_copy_channels(Kernel::slice_channels, x, begin, count, y, 0)) return {};
  return y;
}

}  // namespace fr::vk
