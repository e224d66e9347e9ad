#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::linear(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  if (failed()) return {};
  check_input(x, "linear");
  check_input(weight, "linear");
  const int batch = x.shape().n;
  const int64_t in = x.shape().numel() / batch;
  const int out = weight.shape().n;
  FR_CHECK(weight.shape().numel() == int64_t(out) * in,
           "linear: input " + x.shape().str() + ", weight " + weight.shape().str());
  if (!bias.empty()) {
    check_input(bias, "linear bias");
    FR_CHECK(bias.shape().numel() == out, "linear: bias " + bias.shape().str());
  }
  Tensor y = allocate({batch, out, 1, 1});
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
