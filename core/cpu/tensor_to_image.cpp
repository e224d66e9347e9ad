// tensor_to_image: float planes to 8-bit interleaved pixels.
#include <algorithm>
#include <atomic>
#include <cmath>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Result<ImageU8> CpuBackend::run_tensor_to_image(const Tensor& x, const TensorToImageParams& p) {
  const Shape& s = x.shape();
  ImageU8 image;
  image.h = s.h;
  image.w = s.w;
  try {
    image.data.resize(size_t(s.numel()));
  } catch (const std::bad_alloc&) {
    return Error{"out of memory converting a " + std::to_string(s.w) + "×" + std::to_string(s.h) +
                     " result to an image",
                 ErrorKind::out_of_memory};
  }
  const float* xp = data(x);
  const int64_t plane = s.plane();
  std::atomic<int64_t> not_finite{0};
  parallel_for(s.h, [&](int64_t row) {
    uint8_t* px = image.data.data() + row * s.w * 3;
    int64_t row_not_finite = 0;
    for (int c = 0; c < 3; ++c) {
      const int dst = p.swap_rb ? 2 - c : c;
      const float* in = xp + c * plane + row * s.w;
      for (int col = 0; col < s.w; ++col) {
        row_not_finite += !std::isfinite(in[col]);
        const float v = std::nearbyint(std::clamp(in[col], p.lo, p.hi) * p.scale + p.offset);
        px[col * 3 + dst] = v > 0.0f ? uint8_t(v < 255.0f ? v : 255.0f) : uint8_t(0);  // NaN → 0
      }
    }
    if (row_not_finite) not_finite += row_not_finite;
  });
  image.not_finite = not_finite;
  return image;
}

}  // namespace fr
