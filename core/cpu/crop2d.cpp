#include <cstring>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_crop2d(const Tensor& x, const Crop2dParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, s.c, p.out_h, p.out_w});
  if (y.empty()) return {};
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(s.n) * s.c * p.out_h, [&](int64_t row) {
    const int64_t nc = row / p.out_h;
    const int iy = p.top + int(row % p.out_h);
    std::memcpy(yp + row * p.out_w, xp + (nc * s.h + iy) * s.w + p.left,
                size_t(p.out_w) * sizeof(float));
  });
  return y;
}

}  // namespace fr
