// resize_nearest's contract (core/ops.h ResizeParams): a non-empty output.
#include "core/backend.h"

namespace fr {

Tensor Backend::resize_nearest(const Tensor& x, const ResizeParams& p) {
  if (stopped()) return {};
  check_input(x, "resize_nearest");
  FR_CHECK(p.out_h > 0 && p.out_w > 0, "resize_nearest: output size");
  return guarded("resize_nearest", [&] { return run_resize_nearest(x, p); });
}

}  // namespace fr
