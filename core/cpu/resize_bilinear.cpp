// resize_bilinear: the coordinate map of core/ops.h (PyTorch's).
#include <algorithm>
#include <vector>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {
namespace {

struct LinearTap {
  int i0, i1;
  float l0, l1;
};

// Half-pixel source positions along one axis.
std::vector<LinearTap> bilinear_taps(int in, int out, float inv_scale) {
  std::vector<LinearTap> taps(static_cast<size_t>(out));
  for (int d = 0; d < out; ++d) {
    const float src = std::max(0.0f, (float(d) + 0.5f) * inv_scale - 0.5f);
    const int i0 = std::min(int(src), in - 1);
    const int i1 = std::min(i0 + 1, in - 1);
    const float l1 = src - float(i0);
    taps[size_t(d)] = {i0, i1, 1.0f - l1, l1};
  }
  return taps;
}

}  // namespace

Tensor CpuBackend::run_resize_bilinear(const Tensor& x, const ResizeParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, s.c, p.out_h, p.out_w});
  if (y.empty()) return {};
  const auto ty = bilinear_taps(s.h, p.out_h, p.inv_scale_h);
  const auto tx = bilinear_taps(s.w, p.out_w, p.inv_scale_w);
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(s.n) * s.c * p.out_h, [&](int64_t row) {
    const int64_t nc = row / p.out_h;
    const LinearTap& v = ty[size_t(row % p.out_h)];
    const float* r0 = xp + (nc * s.h + v.i0) * s.w;
    const float* r1 = xp + (nc * s.h + v.i1) * s.w;
    float* out = yp + row * p.out_w;
    for (int d = 0; d < p.out_w; ++d) {
      const LinearTap& h = tx[size_t(d)];
      out[d] =
          v.l0 * (h.l0 * r0[h.i0] + h.l1 * r0[h.i1]) + v.l1 * (h.l0 * r1[h.i0] + h.l1 * r1[h.i1]);
    }
  });
  return y;
}

}  // namespace fr
