// image_to_tensor and tensor_to_image: pixels travel as packed 8-bit data (4 per word).
#include <cstring>
#include <vector>

#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ImageToTensorPush {  // kernels/image_to_tensor.comp
  int32_t h, w, swap_rb, pad0;
  float scale[4];
  float offset[4];
};
static_assert(sizeof(ImageToTensorPush) == 48);

struct TensorToImagePush {  // kernels/tensor_to_image.comp
  int32_t h, w, swap_rb;
  float lo, hi, scale, offset;
};
static_assert(sizeof(TensorToImagePush) == 28);

}  // namespace

Tensor VulkanBackend::run_image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p) {
  const size_t row = size_t(image.w) * 3, bytes = row * size_t(image.h);
  std::vector<uint8_t> packed((bytes + 3) / 4 * 4, 0);
  for (int y = 0; y < image.h; ++y)
    std::memcpy(packed.data() + size_t(y) * row, image.data + y * image.row_bytes, row);
  auto pixels = allocate_bytes(packed.size(), "uploading an image");
  if (!pixels || !write_range(pixels->range(), packed.data(), packed.size())) return {};
  Tensor y = allocate({1, 3, image.h, image.w});
  if (y.empty()) return {};
  ImageToTensorPush push{image.h, image.w, p.swap_rb ? 1 : 0, 0, {}, {}};
  for (int c = 0; c < 3; ++c) push.scale[c] = p.scale[c], push.offset[c] = p.offset[c];
  if (!run_flat(Kernel::image_to_tensor, {pixels->range(), range(y)}, &push, sizeof push,
                y.shape().numel()))
    return {};
  return y;
}

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
