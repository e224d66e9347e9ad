// pad2d's contract (core/ops.h Pad2dParams): no negative pad, reflect pads smaller than their
// side; the output shape.
#include "core/backend.h"

namespace fr {

Tensor Backend::pad2d(const Tensor& x, const Pad2dParams& p) {
  if (stopped()) return {};
  check_input(x, "pad2d");
  const Shape& s = x.shape();
  FR_CHECK(p.top >= 0 && p.bottom >= 0 && p.left >= 0 && p.right >= 0, "pad2d: negative pad");
  if (p.mode == PadMode::reflect)
    FR_CHECK(p.top < s.h && p.bottom < s.h && p.left < s.w && p.right < s.w,
             "pad2d: reflect pad not smaller than " + s.str());
  return guarded("pad2d", [&] {
    return run_pad2d(x, p, {s.n, s.c, s.h + p.top + p.bottom, s.w + p.left + p.right});
  });
}

}  // namespace fr
