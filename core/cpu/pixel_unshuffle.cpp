#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_pixel_unshuffle(const Tensor& x, int r, const Shape& ys) {
  const Shape& s = x.shape();
  Tensor y = allocate(ys);
  if (y.empty()) return {};
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(ys.n) * ys.c * ys.h, [&](int64_t row) {
    const int64_t nco = row / ys.h;  // n·C·r² + c·r² + i·r + j
    const int oy = int(row % ys.h);
    const int64_t nc = nco / (r * r);
    const int i = int(nco % (r * r)) / r, j = int(nco % r);
    const float* src = xp + (nc * s.h + int64_t(oy) * r + i) * s.w + j;
    float* out = yp + row * ys.w;
    for (int ox = 0; ox < ys.w; ++ox) out[ox] = src[int64_t(ox) * r];
  });
  return y;
}

}  // namespace fr
