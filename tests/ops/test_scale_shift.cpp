#include <algorithm>
#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, ScaleShift) {
  const Shape s{2, 13, 5, 3};
  const HostTensor x = random_tensor(s, rng, -3.0f, 3.0f);
  const HostTensor cs = random_tensor({1, 13, 1, 1}, rng);
  const HostTensor ch = random_tensor({1, 13, 1, 1}, rng);
  const HostTensor slopes = random_tensor({1, 13, 1, 1}, rng, 0.0f, 0.3f);
  struct Case {
    float scale, shift;
    bool channel_scale, channel_shift;
    Activation act;
  };
  const Case cases[] = {
      {2.0f, -1.0f, false, false, Activation::none()},
      {1.4142135f, 0.0f, false, true, Activation::leaky(0.2f)},  // StyleConv: bias + lrelu
      {1.0f, 0.0f, true, true, Activation::relu()},
      {0.5f, 0.25f, true, false, Activation::prelu({})},
      {1.5f, -0.5f, false, true, Activation::sigmoid()},
  };
  for (const Case& c : cases) {
    ScaleShiftParams p;
    p.scale = c.scale;
    p.shift = c.shift;
    if (c.channel_scale) p.channel_scale = up(cs);
    if (c.channel_shift) p.channel_shift = up(ch);
    p.act = c.act;
    if (c.act.kind == ActKind::prelu) p.act.prelu_slopes = up(slopes);
    HostTensor ref(s);
    for (int n = 0; n < s.n; ++n)
      for (int ci = 0; ci < s.c; ++ci)
        for (int y = 0; y < s.h; ++y)
          for (int xx = 0; xx < s.w; ++xx) {
            double v = double(x.at(n, ci, y, xx)) * c.scale *
                           (c.channel_scale ? cs.data[size_t(ci)] : 1.0) +
                       c.shift + (c.channel_shift ? ch.data[size_t(ci)] : 0.0);
            const double slope = c.act.kind == ActKind::relu         ? 0.0
                                 : c.act.kind == ActKind::leaky_relu ? c.act.slope
                                 : c.act.kind == ActKind::prelu      ? slopes.data[size_t(ci)]
                                                                     : 1.0;
            if (c.act.kind == ActKind::sigmoid)
              v = 1.0 / (1.0 + std::exp(-v));
            else if (v < 0)
              v *= slope;
            ref.at(n, ci, y, xx) = float(v);
          }
    expect_close(be().scale_shift(up(x), p), ref, 1e-6);
  }
}

}  // namespace fr::test
