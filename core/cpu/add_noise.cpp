#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_add_noise(const Tensor& x, const Tensor& noise, float weight) {
  const Shape& s = x.shape();
  Tensor y = allocate(s);
  if (y.empty()) return {};
  const float* xp = data(x);
  const float* np = data(noise);
  float* yp = data(y);
  const int64_t plane = s.plane();
  parallel_for(int64_t(s.n) * s.c, [&](int64_t nc) {
    const float* nz = np + (nc / s.c) * plane;
    for (int64_t i = 0; i < plane; ++i) yp[nc * plane + i] = xp[nc * plane + i] + weight * nz[i];
  });
  return y;
}

}  // namespace fr
