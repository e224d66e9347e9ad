// random_normal's contract (core/ops.h): a non-empty map.
#include "core/backend.h"

namespace fr {

Tensor Backend::random_normal(int h, int w, uint64_t seed) {
  if (stopped()) return {};
  FR_CHECK(h > 0 && w > 0, "random_normal: size");
  return guarded("random_normal", [&] { return run_random_normal(h, w, seed); });
}

}  // namespace fr
