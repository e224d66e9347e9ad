// clamp's contract (core/ops.h): lo ≤ hi.
#include "core/backend.h"

namespace fr {

Tensor Backend::clamp(const Tensor& x, float lo, float hi) {
  if (stopped()) return {};
  check_input(x, "clamp");
  FR_CHECK(lo <= hi, "clamp: lo > hi");
  return guarded("clamp", [&] { return run_clamp(x, lo, hi); });
}

}  // namespace fr
