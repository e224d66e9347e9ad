#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_linear(const Tensor& x, const Tensor& weight, const Tensor& bias,
                              const Shape& ys) {
  const int batch = ys.n, out = ys.c;
  const int64_t in = x.shape().numel() / batch;
  Tensor y = allocate(ys);
  if (y.empty()) return {};
  const float* xp = data(x);
  const float* wp = data(weight);
  const float* bp = bias.empty() ? nullptr : data(bias);
  float* yp = data(y);
  parallel_for(int64_t(batch) * out, [&](int64_t no) {
    const int64_t n = no / out, o = no % out;
    const float* xr = xp + n * in;
    const float* wr = wp + o * in;
    float acc = 0.0f;
#pragma omp simd reduction(+ : acc)
    for (int64_t i = 0; i < in; ++i) acc += wr[i] * xr[i];
    yp[no] = acc + (bp ? bp[o] : 0.0f);
  });
  return y;
}

}  // namespace fr
