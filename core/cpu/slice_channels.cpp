#include <cstring>

#include "core/cpu/cpu_backend.h"

namespace fr {

Tensor CpuBackend::run_slice_channels(const Tensor& x, int begin, int count) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, count, s.h, s.w});
  if (y.empty()) return {};
  const int64_t plane = s.plane();
  for (int n = 0; n < s.n; ++n)
    std::memcpy(data(y) + int64_t(n) * count * plane, data(x) + (int64_t(n) * s.c + begin) * plane,
                size_t(count * plane) * sizeof(float));
  return y;
}

}  // namespace fr
