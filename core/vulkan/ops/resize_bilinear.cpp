// resize_bilinear: kernels/resize_bilinear.comp through the host code it shares with
// resize_nearest (run_resize).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {

Tensor VulkanBackend::run_resize_bilinear(const Tensor& x, const ResizeParams& p) {
  return run_resize(Kernel::resize_bilinear, x, p);
}

}  // namespace fr::vk
