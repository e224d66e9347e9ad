// resize_nearest: kernels/resize_nearest.comp through the host code it shares with
// resize_bilinear (run_resize).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {

Tensor VulkanBackend::run_resize_nearest(const Tensor& x, const ResizeParams& p) {
  return run_resize(Kernel::resize_nearest, x, p);
}

}  // namespace fr::vk
