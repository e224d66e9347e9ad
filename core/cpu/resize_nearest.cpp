// resize_nearest: the coordinate map of core/ops.h (PyTorch's).
#include <algorithm>
#include <cmath>
#include <vector>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {
namespace {

std::vector<int> nearest_taps(int in, int out, float inv_scale) {
  std::vector<int> taps(static_cast<size_t>(out));
  for (int d = 0; d < out; ++d)
    taps[size_t(d)] = std::min(int(std::floor(float(d) * inv_scale)), in - 1);
  return taps;
}

}  // namespace

Tensor CpuBackend::run_resize_nearest(const Tensor& x, const ResizeParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, s.c, p.out_h, p.out_w});
  if (y.empty()) return {};
  const auto ty = nearest_taps(s.h, p.out_h, p.inv_scale_h);
  const auto tx = nearest_taps(s.w, p.out_w, p.inv_scale_w);
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(s.n) * s.c * p.out_h, [&](int64_t row) {
    const int64_t nc = row / p.out_h;
    const float* src = xp + (nc * s.h + ty[size_t(row % p.out_h)]) * s.w;
    float* out = yp + row * p.out_w;
    for (int d = 0; d < p.out_w; ++d) out[d] = src[tx[size_t(d)]];
  });
  return y;
}

}  // namespace fr
