#include <cmath>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_softmax_channels(const Tensor& x, int group) {
  const Shape& s = x.shape();
  Tensor y = allocate(s);
  if (y.empty()) return {};
  const float* xp = data(x);
  float* yp = data(y);
  const int64_t plane = s.plane();
  const int groups = s.c / group;
  parallel_for(int64_t(s.n) * groups, [&](int64_t ng) {
    const int64_t base = ng * group * plane;  // first channel of this group
    for (int64_t i = 0; i < plane; ++i) {
      float m = xp[base + i];
      for (int k = 1; k < group; ++k) m = std::max(m, xp[base + k * plane + i]);
      float sum = 0.0f;
      for (int k = 0; k < group; ++k) {
        const float e = std::exp(xp[base + k * plane + i] - m);
        yp[base + k * plane + i] = e;
        sum += e;
      }
      for (int k = 0; k < group; ++k) yp[base + k * plane + i] /= sum;
    }
  });
  return y;
}

}  // namespace fr
