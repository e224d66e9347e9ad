#include <algorithm>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {
namespace {

// The source index for output index `o` along an axis of `size` padded by `before`, or −1 for
// a constant fill.
int pad_source(int o, int before, int size, PadMode mode) {
  int i = o - before;
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case PadMode::constant:
      return -1;
    case PadMode::replicate:
      return std::clamp(i, 0, size - 1);
    case PadMode::reflect:
      return i < 0 ? -i : 2 * (size - 1) - i;
  }
  return -1;
}

}  // namespace

Tensor CpuBackend::run_pad2d(const Tensor& x, const Pad2dParams& p, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  const Shape& s = x.shape();
  const float* xp = data(x);
  float* yp = data(y);
  parallel_for(int64_t(out.n) * out.c * out.h, [&](int64_t row) {
    const int oy = int(row % out.h);
    const int64_t nc = row / out.h;
    const int sy = pad_source(oy, p.top, s.h, p.mode);
    float* dst = yp + row * out.w;
    for (int ox = 0; ox < out.w; ++ox) {
      const int sx = pad_source(ox, p.left, s.w, p.mode);
      dst[ox] = (sy < 0 || sx < 0) ? p.value : xp[(nc * s.h + sy) * s.w + sx];
    }
  });
  return y;
}

}  // namespace fr
