// pixel_unshuffle's contract (core/ops.h): H and W divisible by r; the output shape.
#include "core/backend.h"

namespace fr {

Tensor Backend::pixel_unshuffle(const Tensor& x, int r) {
  if (stopped()) return {};
  check_input(x, "pixel_unshuffle");
  const Shape& s = x.shape();
  FR_CHECK(r >= 1 && s.h % r == 0 && s.w % r == 0,
           "pixel_unshuffle: " + s.str() + " by " + std::to_string(r));
  return guarded("pixel_unshuffle", [&] {
    return run_pixel_unshuffle(x, r, {s.n, s.c * r * r, s.h / r, s.w / r});
  });
}

}  // namespace fr
