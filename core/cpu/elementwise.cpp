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

Tensor CpuBackend::add(const Tensor& a, const Tensor& b) {
  if (failed()) return {};
  check_input(a, "add");
  check_input(b, "add");
  FR_CHECK(a.shape() == b.shape(), "add: " + a.shape().str() + " + " + b.shape().str());
  Tensor y = allocate(a.shape());
  if (y.empty()) return {};
  const float *ap = data(a), *bp = data(b);
  float* yp = data(y);
  for_chunks(a.shape().numel(), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) yp[i] = ap[i] + bp[i];
  });
  return y;
}

Tensor CpuBackend::mul(const Tensor& a, const Tensor& b) {
  if (failed()) return {};
  check_input(a, "mul");
  check_input(b, "mul");
  FR_CHECK(a.shape() == b.shape(), "mul: " + a.shape().str() + " * " + b.shape().str());
  Tensor y = allocate(a.shape());
  if (y.empty()) return {};
  const float *ap = data(a), *bp = data(b);
  float* yp = data(y);
  for_chunks(a.shape().numel(), [&](int64_t i0, int64_t i1) {
    for (int64_t i = i0; i < i1; ++i) yp[i] = ap[i] * bp[i];
  });
  return y;
}

Tensor CpuBackend::scale_shift(const Tensor& x, const ScaleShiftParams& p) {
  if (failed()) return {};
  check_input(x, "scale_shift");
  const Shape& s = x.shape();
  for (const Tensor* t : {&p.channel_scale, &p.channel_shift, &p.act.prelu_slopes}) {
    if (t->empty()) continue;
    check_input(*t, "scale_shift channel tensor");
    FR_CHECK(t->shape().numel() == s.c, "scale_shift: channel tensor " + t->shape().str());
  }
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

Tensor CpuBackend::clamp(const Tensor& x, float lo, float hi) {
  if (failed()) return {};
  check_input(x, "clamp");
  FR_CHECK(lo <= hi, "clamp: lo > hi");
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
