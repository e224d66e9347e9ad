#include <algorithm>
#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, MaxPool2d) {
  struct Case {
    Shape s;
    MaxPoolParams p;
  };
  for (const Case& c : {Case{{1, 13, 13, 11}, {3, 2, 1}}, Case{{2, 3, 1, 1}, {3, 2, 1}},
                        Case{{1, 5, 8, 8}, {2, 2, 0}}}) {
    SCOPED_TRACE(c.s.str());
    const HostTensor x = random_tensor(c.s, rng);
    const int oh = (c.s.h + 2 * c.p.pad - c.p.kernel) / c.p.stride + 1;
    const int ow = (c.s.w + 2 * c.p.pad - c.p.kernel) / c.p.stride + 1;
    HostTensor ref({c.s.n, c.s.c, oh, ow});
    for (int n = 0; n < c.s.n; ++n)
      for (int ch = 0; ch < c.s.c; ++ch)
        for (int y = 0; y < oh; ++y)
          for (int xx = 0; xx < ow; ++xx) {
            float m = -INFINITY;
            for (int ky = 0; ky < c.p.kernel; ++ky)
              for (int kx = 0; kx < c.p.kernel; ++kx) {
                const int iy = y * c.p.stride - c.p.pad + ky, ix = xx * c.p.stride - c.p.pad + kx;
                if (iy >= 0 && iy < c.s.h && ix >= 0 && ix < c.s.w)
                  m = std::max(m, x.at(n, ch, iy, ix));
              }
            ref.at(n, ch, y, xx) = m;
          }
    expect_close(be().max_pool2d(up(x), c.p), ref, 0.0);
  }
}

}  // namespace fr::test
