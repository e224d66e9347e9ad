#include <limits>

#include "tests/ops/op_test_support.h"

namespace fr::test {

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
  for (size_t i = 0; i < t.data.size(); i += 17, ++want)
    t.data[i] = i % 3 ? nan : i % 2 ? inf : -inf;
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
