// slice_channels' contract (core/ops.h): a non-empty channel range inside x.
#include "core/backend.h"

namespace fr {

Tensor Backend::slice_channels(const Tensor& x, int begin, int count) {
  if (stopped()) return {};
  check_input(x, "slice_channels");
  FR_CHECK(begin >= 0 && count > 0 && begin + count <= x.shape().c,
           "slice_channels: [" + std::to_string(begin) + ", +" + std::to_string(count) + ") of " +
               x.shape().str());
  return guarded("slice_channels", [&] { return run_slice_channels(x, begin, count); });
}

}  // namespace fr
