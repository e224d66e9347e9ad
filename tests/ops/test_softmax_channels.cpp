#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, SoftmaxChannels) {
  struct Case {
    Shape s;
    int group;
    float range;
  };
  for (const Case& c : {Case{{1, 4, 7, 5}, 2, 5.0f}, Case{{2, 9, 3, 1}, 3, 5.0f},
                        Case{{1, 2, 1, 1}, 2, 1000.0f}}) {  // large logits: must not overflow
    SCOPED_TRACE(c.s.str());
    const HostTensor x = random_tensor(c.s, rng, -c.range, c.range);
    HostTensor ref(c.s);
    for (int n = 0; n < c.s.n; ++n)
      for (int g = 0; g < c.s.c / c.group; ++g)
        for (int y = 0; y < c.s.h; ++y)
          for (int xx = 0; xx < c.s.w; ++xx) {
            double m = -INFINITY, sum = 0.0;
            for (int k = 0; k < c.group; ++k)
              m = std::max(m, double(x.at(n, g * c.group + k, y, xx)));
            for (int k = 0; k < c.group; ++k) sum += std::exp(x.at(n, g * c.group + k, y, xx) - m);
            for (int k = 0; k < c.group; ++k)
              ref.at(n, g * c.group + k, y, xx) =
                  float(std::exp(x.at(n, g * c.group + k, y, xx) - m) / sum);
          }
    expect_close(be().softmax_channels(up(x), c.group), ref, 1e-6);
  }
}

}  // namespace fr::test
