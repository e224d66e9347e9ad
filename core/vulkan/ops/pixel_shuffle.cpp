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
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const PixelShufflePush push{s.n, s.c, s.h, s.w, r, 0};
  if (!run_flat(Kernel::pixel_shuffle, {range(x), range(y)}, &push, sizeof push, out.numel()))
    return {};
  return y;
}

Tensor VulkanBackend::run_pixel_unshuffle(const Tensor& x, int r, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const PixelShufflePush push{s.n, s.c, s.h, s.w, r, 1};
  if (!run_flat(Kernel::pixel_shuffle, {range(x), range(y)}, &push, sizeof push, out.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
