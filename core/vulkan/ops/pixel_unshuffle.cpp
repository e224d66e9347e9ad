// pixel_unshuffle: kernels/pixel_unshuffle.comp through the host code it shares with
// pixel_shuffle (run_shuffle).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {

Tensor VulkanBackend::run_pixel_unshuffle(const Tensor& x, int r, const Shape& out) {
  return run_shuffle(Kernel::pixel_unshuffle, x, r, out);
}

}  // namespace fr::vk
