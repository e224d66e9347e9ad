#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, ImageToTensor) {
  const ImageU8 img = random_image(7, 13, rng);
  // RetinaFace's input: BGR kept, minus the channel means, no scaling.
  ImageToTensorParams bgr;
  bgr.swap_rb = false;
  for (int c = 0; c < 3; ++c) bgr.scale[c] = 1.0f;
  bgr.offset[0] = -104, bgr.offset[1] = -117, bgr.offset[2] = -123;
  // GFPGAN's input: RGB in [−1, 1].
  ImageToTensorParams rgb;
  for (int c = 0; c < 3; ++c) rgb.scale[c] = 2.0f / 255, rgb.offset[c] = -1.0f;
  for (const ImageToTensorParams& p : {bgr, rgb}) {
    HostTensor ref({1, 3, img.h, img.w});
    for (int c = 0; c < 3; ++c)
      for (int y = 0; y < img.h; ++y)
        for (int x = 0; x < img.w; ++x) {
          const int src = p.swap_rb ? 2 - c : c;
          ref.at(0, c, y, x) =
              float(img.data[size_t((y * img.w + x) * 3 + src)]) * p.scale[c] + p.offset[c];
        }
    expect_close(be().image_to_tensor(img.view(), p), ref, 1e-6);
  }
}

TEST_P(OpTest, ImageToTensorHonoursRowStride) {
  // A 2×2 view into a 2×3 image buffer (row stride 9 bytes).
  const std::vector<uint8_t> buf = {1, 2, 3, 4, 5, 6, 99, 99, 99, 7, 8, 9, 10, 11, 12, 99, 99, 99};
  ImageToTensorParams p;
  p.swap_rb = false;
  for (int c = 0; c < 3; ++c) p.scale[c] = 1.0f, p.offset[c] = 0.0f;
  const HostTensor ref({1, 3, 2, 2}, {1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12});
  expect_close(be().image_to_tensor({buf.data(), 2, 2, 9}, p), ref, 0.0);
}

}  // namespace fr::test
