// add, mul, scale_shift and clamp.
#include <algorithm>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {
namespace {

constexpr int64_t kChunk = 16384;  // elements per parallel work item

template <class Fn>
void for_chunks(int64_t n, Fn&& fn) {
  parallel_for((n + kChunk - 1) / kChunk, [&](int64_t c) {
    const int64_t begin = c * kChunk;
    fn(begin, std::min(n, begin + kChunk));
  });
}

}  // namespace

Tensor CpuBackend::run_add(const Tensor& a, const Tensor& b) {
  Tensor y = allocate(a.shape());
  if (y.empty()) return {};
  const float *ap = data(a), *bp = data(b);
  float* yp = data(y);
  for_chunks(a.shape().numel(), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) yp[i] = ap[i] + bp[i];
  });
  return y;
}

Tensor CpuBackend::run_mul(const Tensor& a, const Tensor& b) {
  Tensor y = allocate(a.shape());
  if (y.empty()) return {};
  const float *ap = data(a), *bp = data(b);
  float* yp = data(y);
  for_chunks(a.shape().numel(), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) yp[i] = ap[i] * bp[i];
  });
  return y;
}

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

Tensor CpuBackend::run_clamp(const Tensor& x, float lo, float hi) {
  Tensor y = allocate(x.shape());
  if (y.empty()) return {};
  const float* xp = data(x);
  float* yp = data(y);
  for_chunks(x.shape().numel(), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) yp[i] = std::min(hi, std::max(lo, xp[i]));
  });
  return y;
}

}  // namespace fr
