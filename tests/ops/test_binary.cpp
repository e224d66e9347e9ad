#include <algorithm>
#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

double apply(BinaryKind k, double u, double v) {
  switch (k) {
    case BinaryKind::add:
      return u + v;
    case BinaryKind::sub:
      return u - v;
    case BinaryKind::mul:
      return u * v;
    case BinaryKind::div:
      return u / v;
    case BinaryKind::max:
      return std::max(u, v);
    case BinaryKind::min:
      return std::min(u, v);
    case BinaryKind::pow:
      return std::pow(u, v);
  }
  return 0;
}

// Broadcast reference: an index along a dimension of size 1 is 0.
HostTensor binary_ref(const HostTensor& a, const HostTensor& b, BinaryKind k) {
  const Shape& x = a.shape;
  const Shape& y = b.shape;
  HostTensor out({std::max(x.n, y.n), std::max(x.c, y.c), std::max(x.h, y.h), std::max(x.w, y.w)});
  for (int n = 0; n < out.shape.n; ++n)
    for (int c = 0; c < out.shape.c; ++c)
      for (int h = 0; h < out.shape.h; ++h)
        for (int w = 0; w < out.shape.w; ++w)
          out.at(n, c, h, w) = float(
              apply(k, a.at(x.n > 1 ? n : 0, x.c > 1 ? c : 0, x.h > 1 ? h : 0, x.w > 1 ? w : 0),
                    b.at(y.n > 1 ? n : 0, y.c > 1 ? c : 0, y.h > 1 ? h : 0, y.w > 1 ? w : 0)));
  return out;
}

}  // namespace

TEST_P(OpTest, BinaryEveryKindWithBroadcasting) {
  const std::pair<Shape, Shape> shapes[] = {
      {{2, 13, 7, 5}, {2, 13, 7, 5}},  // equal
      {{1, 13, 7, 5}, {1, 13, 1, 1}},  // per-channel b
      {{1, 13, 7, 5}, {1, 1, 1, 1}},   // scalar b
      {{1, 1, 7, 5}, {1, 13, 7, 5}},   // a broadcast over channels
      {{1, 13, 1, 5}, {1, 1, 7, 1}},   // both broadcast
      {{1, 127, 1, 1}, {1, 127, 1, 1}},
  };
  for (auto kind : {BinaryKind::add, BinaryKind::sub, BinaryKind::mul, BinaryKind::div,
                    BinaryKind::max, BinaryKind::min, BinaryKind::pow}) {
    for (const auto& [sa, sb] : shapes) {
      SCOPED_TRACE("kind " + std::to_string(int(kind)) + " " + sa.str() + " with " + sb.str());
      // pow and div get positive inputs (pow of a negative base needs integer exponents).
      const bool positive = kind == BinaryKind::pow || kind == BinaryKind::div;
      const HostTensor a = random_tensor(sa, rng, positive ? 0.5f : -2.0f, 2.0f);
      const HostTensor b = random_tensor(sb, rng, positive ? 0.5f : -2.0f, 2.0f);
      expect_close(be().binary(up(a), up(b), kind), binary_ref(a, b, kind), 2e-6);
    }
  }
}

TEST_P(OpTest, PowOfANegativeBaseWithIntegerExponents) {
  const HostTensor a({1, 1, 1, 4}, {-2.0f, -2.0f, -3.0f, 4.0f});
  const HostTensor b({1, 1, 1, 4}, {2.0f, 3.0f, 0.0f, 0.5f});
  expect_close(be().binary(up(a), up(b), BinaryKind::pow),
               HostTensor({1, 1, 1, 4}, {4.0f, -8.0f, 1.0f, 2.0f}), 1e-6);
}

TEST_P(OpTest, BinaryRejectsShapesThatDoNotBroadcast) {
  const Tensor a = up(random_tensor({1, 3, 4, 4}, rng));
  const Tensor b = up(random_tensor({1, 2, 4, 4}, rng));
  EXPECT_THROW(be().binary(a, b, BinaryKind::add), std::logic_error);
}

}  // namespace fr::test
