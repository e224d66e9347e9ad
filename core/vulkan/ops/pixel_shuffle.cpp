// pixel_shuffle: kernels/pixel_shuffle.comp through the host code it shares with
// pixel_unshuffle (run_shuffle).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {

Tensor VulkanBackend::run_pixel_shuffle(const Tensor& x, int r, const Shape& out) {
  return run_shuffle(Kernel::pixel_shuffle, x, r, out);
}

}  // namespace fr::vk
