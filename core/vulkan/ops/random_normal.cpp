#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct RandomNormalPush {  // kernels/random_normal.comp
  int32_t count;
  uint32_t seed_lo, seed_hi;
};
static_assert(sizeof(RandomNormalPush) == 12);

}  // namespace

Tensor VulkanBackend::run_random_normal(int h, int w, uint64_t seed) {
  Tensor y = allocate({1, 1, h, w});
  if (y.empty()) return {};
  const RandomNormalPush push{int32_t(int64_t(h) * w), uint32_t(seed), uint32_t(seed >> 32)};
  if (!run_flat(Kernel::random_normal, {range(y)}, &push, sizeof push, int64_t(h) * w)) return {};
  return y;
}

}  // namespace fr::vk
