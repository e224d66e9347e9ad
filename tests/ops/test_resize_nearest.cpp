#include <algorithm>
#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

HostTensor nearest_ref(const HostTensor& x, const ResizeParams& p) {
  const Shape& s = x.shape;
  HostTensor y({s.n, s.c, p.out_h, p.out_w});
  for (int n = 0; n < s.n; ++n)
    for (int c = 0; c < s.c; ++c)
      for (int yy = 0; yy < p.out_h; ++yy)
        for (int xx = 0; xx < p.out_w; ++xx) {
          const int sy = std::min(int(std::floor(float(yy) * p.inv_scale_h)), s.h - 1);
          const int sx = std::min(int(std::floor(float(xx) * p.inv_scale_w)), s.w - 1);
          y.at(n, c, yy, xx) = x.at(n, c, sy, sx);
        }
  return y;
}

}  // namespace

TEST_P(OpTest, ResizeNearest) {
  const HostTensor a = random_tensor({1, 13, 5, 7}, rng);
  const HostTensor odd = random_tensor({2, 3, 13, 11}, rng);
  const HostTensor one = random_tensor({1, 2, 1, 1}, rng);
  struct Case {
    const HostTensor* x;
    ResizeParams p;
  };
  const Case all[] = {
      {&a, ResizeParams::by_factor(a.shape, 2.0f)},
      {&a, ResizeParams::by_factor(a.shape, 4.0f)},
      {&odd, ResizeParams::to_size(odd.shape, 25, 21)},  // FPN: to the next level's size
      {&odd, ResizeParams::to_size(odd.shape, 5, 4)},
      {&one, ResizeParams::to_size(one.shape, 4, 4)},
  };
  for (const Case& c : all) {
    SCOPED_TRACE(c.x->shape.str() + " → " + std::to_string(c.p.out_h) + "×" +
                 std::to_string(c.p.out_w));
    expect_close(be().resize_nearest(up(*c.x), c.p), nearest_ref(*c.x, c.p), 0.0);
  }
}

}  // namespace fr::test
