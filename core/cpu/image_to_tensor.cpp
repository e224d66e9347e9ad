// image_to_tensor: 8-bit interleaved pixels to float planes.
#include "core/cpu/cpu_backend.h"
#include "core/cpu/parallel.h"

namespace fr {

Tensor CpuBackend::run_image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p) {
  Tensor y = allocate({1, 3, image.h, image.w});
  if (y.empty()) return {};
  float* yp = data(y);
  const int64_t plane = int64_t(image.h) * image.w;
  parallel_for(image.h, [&](int64_t row) {
    const uint8_t* px = image.data + row * image.row_bytes;
    for (int c = 0; c < 3; ++c) {
      const int src = p.swap_rb ? 2 - c : c;
      float* out = yp + c * plane + row * image.w;
      for (int x = 0; x < image.w; ++x) out[x] = float(px[x * 3 + src]) * p.scale[c] + p.offset[c];
    }
  });
  return y;
}

}  // namespace fr
