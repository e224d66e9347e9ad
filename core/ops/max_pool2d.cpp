// max_pool2d's contract (core/ops.h MaxPoolParams): valid parameters and a non-empty output,
// whose shape is computed here.
#include "core/backend.h"

namespace fr {

Tensor Backend::max_pool2d(const Tensor& x, const MaxPoolParams& p) {
  if (stopped()) return {};
  check_input(x, "max_pool2d");
  FR_CHECK(p.kernel >= 1 && p.stride >= 1 && p.pad >= 0 && p.pad * 2 <= p.kernel,
           "max_pool2d: parameters");
  const Shape& s = x.shape();
  const Shape out{s.n, s.c, window_out(s.h, p.kernel, p.stride, p.pad),
                  window_out(s.w, p.kernel, p.stride, p.pad)};
  FR_CHECK(out.h > 0 && out.w > 0, "max_pool2d: empty output for " + s.str());
  return guarded("max_pool2d", [&] { return run_max_pool2d(x, p, out); });
}

}  // namespace fr
