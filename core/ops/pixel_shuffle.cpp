// pixel_shuffle's contract (core/ops.h): C divisible by r²; the output shape.
#include "core/backend.h"

namespace fr {

Tensor Backend::pixel_shuffle(const Tensor& x, int r) {
  if (stopped()) return {};
  check_input(x, "pixel_shuffle");
  const Shape& s = x.shape();
  FR_CHECK(r >= 1 && s.c % (r * r) == 0, "pixel_shuffle: " + s.str() + " by " + std::to_string(r));
  return guarded("pixel_shuffle", [&] {
    return run_pixel_shuffle(x, r, {s.n, s.c / (r * r), s.h * r, s.w * r});
  });
}

}  // namespace fr
