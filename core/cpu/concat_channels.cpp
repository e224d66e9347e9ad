#include <cstring>
#include <vector>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_concat_channels(const std::vector<Tensor>& parts, const Shape& ys) {
  Tensor y = allocate(ys);
  if (y.empty()) return {};
  float* yp = data(y);
  // Each part in plain order before the threads start: a conversion allocates and may throw,
  // which must not happen inside the parallel region (nor twice at once for one part).
  std::vector<const float*> sources;
  for (const Tensor& t : parts) sources.push_back(data(t));
  const int64_t plane = ys.plane();
  parallel_for(int64_t(ys.n) * int64_t(parts.size()), [&](int64_t item) {
    const int64_t n = item / int64_t(parts.size());
    const size_t part = size_t(item % int64_t(parts.size()));
    int c0 = 0;
    for (size_t k = 0; k < part; ++k) c0 += parts[k].shape().c;
    const int64_t count = int64_t(parts[part].shape().c) * plane;
    std::memcpy(yp + (n * ys.c + c0) * plane, sources[part] + n * count,
                size_t(count) * sizeof(float));
  });
  return y;
}

}  // namespace fr
