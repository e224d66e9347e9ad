#include <cmath>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_modulate_weights(const Tensor& weight, const Tensor& style,
                                        const ModulateParams& p) {
  const Shape& ws = weight.shape();
  Tensor y = allocate(ws);
  if (y.empty()) return {};
  const float* wp = data(weight);
  const float* sp = data(style);
  float* yp = data(y);
  const int64_t taps = ws.plane(), per_out = int64_t(ws.c) * taps;
  parallel_for(ws.n, [&](int64_t o) {
    const float* w = wp + o * per_out;
    float* out = yp + o * per_out;
    double sum = 0.0;
    for (int i = 0; i < ws.c; ++i)
      for (int64_t t = 0; t < taps; ++t) {
        const float v = w[i * taps + t] * sp[i];
        out[i * taps + t] = v;
        sum += double(v) * v;
      }
    const float k = p.gain * (p.demodulate ? float(1.0 / std::sqrt(sum + 1e-8)) : 1.0f);
    for (int64_t t = 0; t < per_out; ++t) out[t] *= k;
  });
  return y;
}

}  // namespace fr
