// scale_shift's contract (core/ops.h ScaleShiftParams): the per-channel tensors and PReLU
// slopes fit x's channels.
#include "core/backend.h"

namespace fr {

Tensor Backend::scale_shift(const Tensor& x, const ScaleShiftParams& p) {
  if (stopped()) return {};
  check_input(x, "scale_shift");
  const int c = x.shape().c;
  check_channel_tensor(p.channel_scale, c, "scale_shift channel scale");
  check_channel_tensor(p.channel_shift, c, "scale_shift channel shift");
  check_activation(p.act, c, "scale_shift");
  return guarded("scale_shift", [&] { return run_scale_shift(x, p); });
}

}  // namespace fr
