#include <cstring>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_concat_channels(const std::vector<Tensor>& parts, const Shape& ys) {
  Tensor y = allocate(ys);
  if (y.empty()) return {};
  float* yp = data(y);
  const int64_t plane = ys.plane();
  parallel_for(int64_t(ys.n) * int64_t(parts.size()), [&](int64_t item) {
    const int64_t n = item / int64_t(parts.size());
    int c0 = 0;
    for (size_t k = 0; k < size_t(item % int64_t(parts.size())); ++k) c0 += parts[k].shape().c;
    const Tensor& t = parts[size_t(item % int64_t(parts.size()))];
    const int64_t count = int64_t(t.shape().c) * plane;
    std::memcpy(yp + (n * ys.c + c0) * plane, data(t) + n * count, size_t(count) * sizeof(float));
  });
  return y;
}

}  // namespace fr
