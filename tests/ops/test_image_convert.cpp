#include <cmath>
#include <limits>

#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

ImageU8 random_image(int h, int w, std::mt19937& rng) {
  ImageU8 img;
  img.h = h;
  img.w = w;
  img.data.resize(size_t(h) * w * 3);
  for (auto& v : img.data) v = uint8_t(rng() & 0xff);
  return img;
}

}  // namespace

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

TEST_P(OpTest, TensorToImageRoundsHalfToEvenAndSaturates) {
  TensorToImageParams p;
  p.lo = -1000.0f, p.hi = 1000.0f, p.scale = 1.0f, p.offset = 0.0f;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // R = {−3 → 0, 300 → 255}, G = {2.5 → 2, 3.5 → 4}, B = {127.5 → 128, NaN → 0}.
  const HostTensor t({1, 3, 1, 2}, {-3.0f, 300.0f, 2.5f, 3.5f, 127.5f, nan});
  auto img = be().tensor_to_image(up(t), p);
  ASSERT_TRUE(img.ok()) << img.error().message;
  ASSERT_EQ(img->h, 1);
  ASSERT_EQ(img->w, 2);
  const std::vector<uint8_t> want = {128, 2, 0, 0, 4, 255};  // BGR per pixel
  EXPECT_EQ(img->data, want);
  EXPECT_EQ(img->not_finite, 1);
}

TEST_P(OpTest, TensorToImageCountsNanAndInfinity) {
  // 13×7 (an odd number of output words), values in [−2, 2] with NaN and ±∞ scattered over
  // every plane; the finite ones convert as usual.
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  HostTensor t({1, 3, 7, 13});
  std::uniform_real_distribution<float> value(-2.0f, 2.0f);
  for (float& v : t.data) v = value(rng);
  int64_t want = 0;
  for (size_t i = 0; i < t.data.size(); i += 17, ++want) t.data[i] = i % 3 ? nan : i % 2 ? inf : -inf;
  TensorToImageParams p;
  auto img = be().tensor_to_image(up(t), p);
  ASSERT_TRUE(img.ok()) << img.error().message;
  EXPECT_EQ(img->not_finite, want);

  HostTensor finite({1, 3, 7, 13});
  for (float& v : finite.data) v = value(rng);
  auto clean = be().tensor_to_image(up(finite), p);
  ASSERT_TRUE(clean.ok()) << clean.error().message;
  EXPECT_EQ(clean->not_finite, 0);
}

TEST_P(OpTest, TensorToImageClampsToTheRange) {
  // GFPGAN's output mapping: clamp to [−1,1], ·127.5 + 127.5.
  TensorToImageParams p;
  p.lo = -1.0f, p.hi = 1.0f, p.scale = 127.5f, p.offset = 127.5f;
  const HostTensor t({1, 3, 1, 1}, {-5.0f, 0.0f, 7.0f});
  auto img = be().tensor_to_image(up(t), p);
  ASSERT_TRUE(img.ok()) << img.error().message;
  EXPECT_EQ(img->data, (std::vector<uint8_t>{255, 128, 0}));
}

TEST_P(OpTest, ImageRoundTrip) {
  const ImageU8 img = random_image(9, 5, rng);
  ImageToTensorParams in;   // BGR → RGB in [0,1]
  TensorToImageParams out;  // [0,1] → 0..255, RGB → BGR
  auto back = be().tensor_to_image(be().image_to_tensor(img.view(), in), out);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->data, img.data);
}

}  // namespace fr::test
