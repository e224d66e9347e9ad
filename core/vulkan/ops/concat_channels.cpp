// concat_channels: each part copied into its channels of y (kernels/concat_channels.comp).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {

Tensor VulkanBackend::run_concat_channels(const std::vector<Tensor>& parts, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  int begin = 0;
  for (const Tensor& t : parts) {
    if (!run_copy_channels(Kernel::concat_channels, t, 0, t.shape().c, y, begin)) return {};
    begin += t.shape().c;
  }
  return y;
}

}  // namespace fr::vk
