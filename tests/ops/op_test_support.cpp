#include "tests/ops/op_test_support.h"

#include <algorithm>
#include <cmath>

namespace fr::test {

HostTensor random_tensor(const Shape& s, std::mt19937& rng, float lo, float hi) {
  std::uniform_real_distribution<float> dist(lo, hi);
  HostTensor t(s);
  for (float& v : t.data) v = dist(rng);
  return t;
}

ImageU8 random_image(int h, int w, std::mt19937& rng) {
  ImageU8 img;
  img.h = h;
  img.w = w;
  img.data.resize(size_t(h) * w * 3);
  for (auto& v : img.data) v = uint8_t(rng() & 0xff);
  return img;
}

double normalized_max_error(const HostTensor& got, const HostTensor& ref) {
  double max_diff = 0.0, max_ref = 0.0;
  for (size_t i = 0; i < ref.data.size(); ++i) {
    const double d = std::abs(double(got.data[i]) - double(ref.data[i]));
    max_diff = std::isnan(d) ? INFINITY : std::max(max_diff, d);
    max_ref = std::max(max_ref, std::abs(double(ref.data[i])));
  }
  return max_diff / std::max(max_ref, 1e-6);
}

void OpTest::SetUp() {
  FR_ACQUIRE_BACKEND(backend_, GetParam());
}

HostTensor OpTest::down(const Tensor& t) {
  auto r = backend_->download(t);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : HostTensor{};
}

void OpTest::expect_close(const Tensor& got, const HostTensor& ref, double tol) {
  const HostTensor g = down(got);
  ASSERT_EQ(g.shape, ref.shape) << "got " << g.shape.str() << ", want " << ref.shape.str();
  const double err = normalized_max_error(g, ref);
  EXPECT_LE(err, std::max(tol, GetParam().tolerance_floor))
      << "normalized max error " << err << " on " << GetParam().name << " for " << ref.shape.str();
}

INSTANTIATE_TEST_SUITE_P(Backends, OpTest, ::testing::ValuesIn(test_backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace fr::test
