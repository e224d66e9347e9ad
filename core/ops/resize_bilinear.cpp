// resize_bilinear's contract (core/ops.h ResizeParams): a non-empty output.
#include "core/backend.h"

namespace fr {

Tensor Backend::resize_bilinear(const Tensor& x, const ResizeParams& p) {
  if (stopped()) return {};
  check_input(x, "resize_bilinear");
  FR_CHECK(p.out_h > 0 && p.out_w > 0, "resize_bilinear: output size");
  return guarded("resize_bilinear", [&] { return run_resize_bilinear(x, p); });
}

}  // namespace fr
