#include <algorithm>
#include <limits>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_max_pool2d(const Tensor& x, const MaxPoolParams& p, const Shape& ys) {
  const Shape& s = x.shape();
  Tensor y = allocate(ys);
  if (y.empty()) return {};
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(ys.n) * ys.c * ys.h, [&](int64_t row) {
    const int64_t nc = row / ys.h;
    const int oy = int(row % ys.h);
    const int y0 = std::max(0, oy * p.stride - p.pad);
    const int y1 = std::min(s.h, oy * p.stride - p.pad + p.kernel);
    for (int ox = 0; ox < ys.w; ++ox) {
      const int x0 = std::max(0, ox * p.stride - p.pad);
      const int x1 = std::min(s.w, ox * p.stride - p.pad + p.kernel);
      float m = -std::numeric_limits<float>::infinity();
      for (int iy = y0; iy < y1; ++iy)
        for (int ix = x0; ix < x1; ++ix) m = std::max(m, xp[(nc * s.h + iy) * s.w + ix]);
      yp[row * ys.w + ox] = m;
    }
  });
  return y;
}

}  // namespace fr
