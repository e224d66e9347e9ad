// softmax_channels' contract (core/ops.h): C divisible by the group.
#include "core/backend.h"

namespace fr {

Tensor Backend::softmax_channels(const Tensor& x, int group) {
  if (stopped()) return {};
  check_input(x, "softmax_channels");
  FR_CHECK(group >= 1 && x.shape().c % group == 0,
           "softmax_channels: " + x.shape().str() + " in groups of " + std::to_string(group));
  return guarded("softmax_channels", [&] { return run_softmax_channels(x, group); });
}

}  // namespace fr
