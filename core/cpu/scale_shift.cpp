#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_scale_shift(const Tensor& x, const ScaleShiftParams& p) {
  const Shape& s = x.shape();
  Tensor y = allocate(s);
  if (y.empty()) return {};
  const float* xp = data(x);
  const float* cs = p.channel_scale.empty() ? nullptr : data(p.channel_scale);
  const float* ch = p.channel_shift.empty() ? nullptr : data(p.channel_shift);
  float* yp = data(y);
  const int64_t plane = s.plane();
  parallel_for(int64_t(s.n) * s.c, [&](int64_t nc) {
    const int c = int(nc % s.c);
    const float a = p.scale * (cs ? cs[c] : 1.0f);
    const float b = p.shift + (ch ? ch[c] : 0.0f);
    const float* in = xp + nc * plane;
    float* out = yp + nc * plane;
    for (int64_t i = 0; i < plane; ++i) out[i] = in[i] * a + b;
  });
  apply_activation(yp, s, p.act);
  return y;
}

}  // namespace fr
