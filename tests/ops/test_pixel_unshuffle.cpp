#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, PixelUnshuffle) {
  for (auto [s, r] : {std::pair{Shape{1, 3, 10, 6}, 2}, std::pair{Shape{2, 3, 8, 12}, 4},
                      std::pair{Shape{1, 13, 2, 2}, 2}}) {
    SCOPED_TRACE(s.str());
    const HostTensor x = random_tensor(s, rng);
    HostTensor ref({s.n, s.c * r * r, s.h / r, s.w / r});
    for (int n = 0; n < s.n; ++n)
      for (int c = 0; c < s.c; ++c)
        for (int y = 0; y < s.h / r; ++y)
          for (int xx = 0; xx < s.w / r; ++xx)
            for (int i = 0; i < r; ++i)
              for (int j = 0; j < r; ++j)
                ref.at(n, c * r * r + i * r + j, y, xx) = x.at(n, c, y * r + i, xx * r + j);
    expect_close(be().pixel_unshuffle(up(x), r), ref, 0.0);
  }
}

}  // namespace fr::test
