// tensor_to_image: the pixels are read back as packed 8-bit data (4 per word).
#include <cstring>
#include <vector>

#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct TensorToImagePush {  // kernels/tensor_to_image.comp
  int32_t h, w, swap_rb;
  float lo, hi, scale, offset;
};
static_assert(sizeof(TensorToImagePush) == 28);

}  // namespace

Result<ImageU8> VulkanBackend::run_tensor_to_image(const Tensor& x, const TensorToImageParams& p) {
  const Shape& s = x.shape();
  const size_t bytes = size_t(s.numel());
  const size_t words = (bytes + 3) / 4;
  // The pixel words, then one word counting NaN and infinite values.
  auto pixels = allocate_bytes((words + 1) * 4, "converting a result to an image");
  if (!pixels) return status().error();
  Range counter = pixels->range();
  counter.offset += words * 4;
  counter.size = 4;
  if (counter.mapped) counter.mapped += words * 4;
  const uint32_t zero = 0;
  if (!write_range(counter, &zero, sizeof zero)) return status().error();
  const TensorToImagePush push{s.h, s.w, p.swap_rb ? 1 : 0, p.lo, p.hi, p.scale, p.offset};
  if (!run_flat(Kernel::tensor_to_image, {range(x), pixels->range()}, &push, sizeof push, words))
    return status().error();
  std::vector<uint8_t> packed((words + 1) * 4);
  if (!read_range(pixels->range(), packed.data(), packed.size())) return status().error();
  ImageU8 image;
  image.h = s.h;
  image.w = s.w;
  image.data.assign(packed.begin(), packed.begin() + std::ptrdiff_t(bytes));
  uint32_t not_finite = 0;
  std::memcpy(&not_finite, packed.data() + words * 4, sizeof not_finite);
  image.not_finite = not_finite;
  return image;
}

}  // namespace fr::vk
