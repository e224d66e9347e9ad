// crop2d's contract (core/ops.h Crop2dParams): a non-empty window inside x.
#include "core/backend.h"

namespace fr {

Tensor Backend::crop2d(const Tensor& x, const Crop2dParams& p) {
  if (stopped()) return {};
  check_input(x, "crop2d");
  const Shape& s = x.shape();
  FR_CHECK(p.top >= 0 && p.left >= 0 && p.out_h > 0 && p.out_w > 0 && p.top + p.out_h <= s.h &&
               p.left + p.out_w <= s.w,
           "crop2d: window outside " + s.str());
  return guarded("crop2d", [&] { return run_crop2d(x, p); });
}

}  // namespace fr
