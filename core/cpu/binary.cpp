#include <algorithm>
#include <cmath>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {
namespace {

template <class Op>
void broadcast_rows(const float* a, const Shape& as, const float* b, const Shape& bs, float* y,
                    const Shape& ys, Op op) {
  // Strides of 0 repeat an input along a dimension of size 1.
  auto strides = [](const Shape& s, int64_t st[4]) {
    st[3] = s.w > 1 ? 1 : 0;
    st[2] = s.h > 1 ? s.w : 0;
    st[1] = s.c > 1 ? int64_t(s.h) * s.w : 0;
    st[0] = s.n > 1 ? int64_t(s.c) * s.h * s.w : 0;
  };
  int64_t sa[4], sb[4];
  strides(as, sa);
  strides(bs, sb);
  parallel_for(int64_t(ys.n) * ys.c * ys.h, [&](int64_t row) {
    const int64_t yy = row % ys.h, c = (row / ys.h) % ys.c, n = row / (int64_t(ys.h) * ys.c);
    const float* pa = a + n * sa[0] + c * sa[1] + yy * sa[2];
    const float* pb = b + n * sb[0] + c * sb[1] + yy * sb[2];
    float* out = y + row * ys.w;
    for (int x = 0; x < ys.w; ++x) out[x] = op(pa[x * sa[3]], pb[x * sb[3]]);
  });
}

}  // namespace

Tensor CpuBackend::run_binary(const Tensor& a, const Tensor& b, BinaryKind kind, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const float *pa = data(a), *pb = data(b);
  float* py = data(y);
  const Shape &as = a.shape(), &bs = b.shape();
  switch (kind) {
    case BinaryKind::add:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return u + v; });
      break;
    case BinaryKind::sub:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return u - v; });
      break;
    case BinaryKind::mul:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return u * v; });
      break;
    case BinaryKind::div:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return u / v; });
      break;
    case BinaryKind::max:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return std::max(u, v); });
      break;
    case BinaryKind::min:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return std::min(u, v); });
      break;
    case BinaryKind::pow:
      broadcast_rows(pa, as, pb, bs, py, out, [](float u, float v) { return std::pow(u, v); });
      break;
  }
  return y;
}

}  // namespace fr
