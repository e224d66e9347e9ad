// Seeded noise maps: the values of core/noise_rng.h.
#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"
#include "core/noise_rng.h"

namespace fr {

Tensor CpuBackend::run_random_normal(int h, int w, uint64_t seed) {
  Tensor y = allocate({1, 1, h, w});
  if (y.empty()) return {};
  float* yp = data(y);
  parallel_for(h, [&](int64_t row) {
    for (int x = 0; x < w; ++x) {
      const uint32_t index = uint32_t(row * w + x);
      yp[row * w + x] = normal_at(seed, index);
    }
  });
  return y;
}

}  // namespace fr
