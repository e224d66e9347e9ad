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
