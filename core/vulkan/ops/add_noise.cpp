#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct AddNoisePush {  // kernels/add_noise.comp
  int32_t count, c, plane;
  float weight;
};
static_assert(sizeof(AddNoisePush) == 16);

}  // namespace

Tensor VulkanBackend::run_add_noise(const Tensor& x, const Tensor& noise, float weight) {
  const Shape& s = x.shape();
  Tensor y = allocate(s);
  if (y.empty()) return {};
  const AddNoisePush push{int32_t(s.numel()), s.c, int32_t(s.plane()), weight};
  if (!run_flat(Kernel::add_noise, {range(x), range(noise), range(y)}, &push, sizeof push,
                s.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
