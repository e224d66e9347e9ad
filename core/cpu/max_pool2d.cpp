#include <algorithm>
#include <limits>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::max_pool2d(const Tensor& x, const MaxPoolParams& p) {
  if (failed()) return {};
  check_input(x, "max_pool2d");
  const Shape& s = x.shape();
  FR_CHECK(p.kernel >= 1 && p.stride >= 1 && p.pad >= 0 && p.pad * 2 <= p.kernel,
           "max_pool2d: parameters");
  const Shape ys{s.n, s.c, window_out(s.h, p.kernel, p.stride, p.pad),
                 window_out(s.w, p.kernel, p.stride, p.pad)};
  FR_CHECK(ys.h > 0 && ys.w > 0, "max_pool2d: empty output for " + s.str());
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
