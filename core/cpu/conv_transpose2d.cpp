// conv_transpose2d on the CPU, in gather form: each output element sums the input taps that
// land on it (core/ops.h ConvTranspose2dParams).
#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                        const ConvTranspose2dParams& p, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  const float* xp = data(x);
  const float* wp = data(weight);
  const float* bp = bias.empty() ? nullptr : data(bias);
  float* yp = data(y);
  parallel_for(int64_t(out.n) * out.c * out.h, [&](int64_t row) {
    const int oy = int(row % out.h);
    const int o = int((row / out.h) % out.c);
    const int n = int(row / (int64_t(out.h) * out.c));
    float* dst = yp + row * out.w;
    for (int ox = 0; ox < out.w; ++ox) {
      float acc = bp ? bp[o] : 0.0f;
      for (int ky = 0; ky < ws.h; ++ky) {
        const int ty = oy + p.pad - ky;  // = iy·stride
        if (ty < 0 || ty % p.stride) continue;
        const int iy = ty / p.stride;
        if (iy >= xs.h) continue;
        for (int kx = 0; kx < ws.w; ++kx) {
          const int tx = ox + p.pad - kx;
          if (tx < 0 || tx % p.stride) continue;
          const int ix = tx / p.stride;
          if (ix >= xs.w) continue;
          for (int i = 0; i < xs.c; ++i)
            acc += xp[((int64_t(n) * xs.c + i) * xs.h + iy) * xs.w + ix] *
                   wp[((int64_t(o) * ws.c + i) * ws.h + ky) * ws.w + kx];
        }
      }
      dst[ox] = acc;
    }
  });
  apply_activation(yp, out, p.act);
  return y;
}

}  // namespace fr
