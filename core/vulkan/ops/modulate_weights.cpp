#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct ModulatePush {  // kernels/modulate_weights.comp
  int32_t out_count, in_count, taps, demodulate;
  float gain;
};
static_assert(sizeof(ModulatePush) == 20);

}  // namespace

Tensor VulkanBackend::run_modulate_weights(const Tensor& weight, const Tensor& style,
                                           const ModulateParams& p) {
  const Shape& ws = weight.shape();
  Tensor y = allocate(ws);
  if (y.empty()) return {};
  const ModulatePush push{ws.n, ws.c, int32_t(ws.plane()), p.demodulate ? 1 : 0, p.gain};
  // One workgroup per output channel.
  if (!run_groups(Kernel::modulate_weights, {range(weight), range(style), range(y)}, &push,
                  sizeof push, uint64_t(ws.n)))
    return {};
  return y;
}

}  // namespace fr::vk
