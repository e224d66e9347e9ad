#include <algorithm>
#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

HostTensor bilinear_ref(const HostTensor& x, const ResizeParams& p) {
  const Shape& s = x.shape;
  HostTensor y({s.n, s.c, p.out_h, p.out_w});
  auto src = [](int d, float inv, int in, int& i0, int& i1, double& l1) {
    const double v = std::max(0.0, (d + 0.5) * inv - 0.5);
    i0 = std::min(int(std::floor(v)), in - 1);
    i1 = std::min(i0 + 1, in - 1);
    l1 = v - i0;
  };
  for (int n = 0; n < s.n; ++n)
    for (int c = 0; c < s.c; ++c)
      for (int yy = 0; yy < p.out_h; ++yy)
        for (int xx = 0; xx < p.out_w; ++xx) {
          int y0, y1, x0, x1;
          double ly, lx;
          src(yy, p.inv_scale_h, s.h, y0, y1, ly);
          src(xx, p.inv_scale_w, s.w, x0, x1, lx);
          y.at(n, c, yy, xx) =
              float((1 - ly) * ((1 - lx) * x.at(n, c, y0, x0) + lx * x.at(n, c, y0, x1)) +
                    ly * ((1 - lx) * x.at(n, c, y1, x0) + lx * x.at(n, c, y1, x1)));
        }
  return y;
}

}  // namespace

TEST_P(OpTest, ResizeBilinear) {
  const HostTensor a = random_tensor({1, 13, 7, 5}, rng);
  const HostTensor odd = random_tensor({2, 3, 13, 11}, rng);
  const HostTensor one = random_tensor({1, 4, 1, 1}, rng);
  struct Case {
    const HostTensor* x;
    ResizeParams p;
  };
  const Case all[] = {
      {&a, ResizeParams::by_factor(a.shape, 2.0f)},
      {&odd, ResizeParams::by_factor(odd.shape, 0.5f)},
      {&odd, ResizeParams::to_size(odd.shape, 20, 7)},
      {&one, ResizeParams::by_factor(one.shape, 3.0f)},
  };
  for (const Case& c : all) {
    SCOPED_TRACE(c.x->shape.str() + " → " + std::to_string(c.p.out_h) + "×" +
                 std::to_string(c.p.out_w));
    expect_close(be().resize_bilinear(up(*c.x), c.p), bilinear_ref(*c.x, c.p), 1e-6);
  }
}

// ×0.5 bilinear on even sizes is 2×2 average pooling (networks.md).
TEST_P(OpTest, ResizeBilinearHalfIsAveragePooling) {
  const HostTensor x = random_tensor({1, 13, 8, 6}, rng);
  HostTensor ref({1, 13, 4, 3});
  for (int c = 0; c < 13; ++c)
    for (int yy = 0; yy < 4; ++yy)
      for (int xx = 0; xx < 3; ++xx)
        ref.at(0, c, yy, xx) =
            0.25f * (x.at(0, c, 2 * yy, 2 * xx) + x.at(0, c, 2 * yy, 2 * xx + 1) +
                     x.at(0, c, 2 * yy + 1, 2 * xx) + x.at(0, c, 2 * yy + 1, 2 * xx + 1));
  expect_close(be().resize_bilinear(up(x), ResizeParams::by_factor(x.shape, 0.5f)), ref, 1e-6);
}

}  // namespace fr::test
