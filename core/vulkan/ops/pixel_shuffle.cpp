// pixel_shuffle and pixel_unshuffle (one kernel, a direction flag).
#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct PixelShufflePush {  // kernels/pixel_shuffle.comp; c, h, w of the input
  int32_t n, c, h, w, r, unshuffle;
};
static_assert(sizeof(PixelShufflePush) == 24);

}  // namespace

Tensor VulkanBackend::run_pixel_shuffle(const Tensor& x, int r, const Shape& out) {
  return run_shuffle(x, r, out, false);
}

Tensor VulkanBackend::run_pixel_unshuffle(const Tensor& x, int r, const Shape& out) {
  return run_shuffle(x, r, out, true);
}

Tensor VulkanBackend::run_shuffle(const Tensor& x, int r, const Shape& out, bool unshuffle) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const PixelShufflePush push{s.n, s.c, s.h, s.w, r, unshuffle ? 1 : 0};
  if (!run_flat(Kernel::pixel_shuffle, {range(x), range(y)}, &push, sizeof push, out.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
