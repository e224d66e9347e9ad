// modulate_weights' contract (core/ops.h ModulateParams): one style value per input channel
// of the weight.
#include "core/backend.h"

namespace fr {

Tensor Backend::modulate_weights(const Tensor& weight, const Tensor& style,
                                 const ModulateParams& p) {
  if (stopped()) return {};
  check_input(weight, "modulate_weights");
  check_input(style, "modulate_weights");
  FR_CHECK(style.shape().numel() == weight.shape().c,
           "modulate_weights: weight " + weight.shape().str() + ", style " + style.shape().str());
  return guarded("modulate_weights", [&] { return run_modulate_weights(weight, style, p); });
}

}  // namespace fr
