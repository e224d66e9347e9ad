// image_to_tensor: the pixels are uploaded as packed 8-bit data (4 per word).
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

}  // namespace fr::vk
