#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_pixel_shuffle(const Tensor& x, int r, const Shape& ys) {
  const Shape& s = x.shape();
  Tensor y = allocate(ys);
  if (y.empty()) return {};
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(ys.n) * ys.c * ys.h, [&](int64_t row) {
    const int64_t nc = row / ys.h;  // n·C' + c
    const int oy = int(row % ys.h), iy = oy / r, i = oy % r;
    float* out = yp + row * ys.w;
    for (int ox = 0; ox < ys.w; ++ox) {
      const int ix = ox / r, j = ox % r;
      // input channel c·r² + i·r + j of batch n: (nc·r² + i·r + j) counts batches too.
      out[ox] = xp[((nc * r * r + i * r + j) * s.h + iy) * s.w + ix];
    }
  });
  return y;
}

}  // namespace fr
