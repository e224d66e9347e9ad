// parallel_for over [0, n) on the OpenMP thread pool that oneDNN shares; fn(i) is called
// once per index from any pool thread. Small loops run inline. fn must not throw: an
// exception cannot leave an OpenMP region (the process would end), so whatever may throw
// (an allocation, CpuBackend::data's layout conversion) happens before the loop.
#pragma once

#include <cstdint>

namespace fr {

template <class Fn>
void parallel_for(int64_t n, Fn&& fn) {
  if (n <= 1) {
    if (n == 1) fn(int64_t(0));
    return;
  }
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < n; ++i) fn(i);
}

}  // namespace fr
