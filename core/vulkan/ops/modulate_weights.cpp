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
  const uint32_t gx = std::min<uint32_t>(uint32_t(ws.n), 65535);
  if (!run(Kernel::modulate_weights, {range(weight), range(style), range(y)}, &push, sizeof push,
           gx, (uint32_t(ws.n) + gx - 1) / gx))
    return {};
  return y;
}

}  // namespace fr::vk
