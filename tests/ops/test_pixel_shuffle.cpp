#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, PixelShuffle) {
  for (auto [s, r] : {std::pair{Shape{1, 12, 5, 7}, 2}, std::pair{Shape{2, 48, 1, 1}, 4},
                      std::pair{Shape{1, 27, 3, 2}, 3}}) {
    SCOPED_TRACE(s.str());
    const HostTensor x = random_tensor(s, rng);
    HostTensor ref({s.n, s.c / (r * r), s.h * r, s.w * r});
    for (int n = 0; n < s.n; ++n)
      for (int c = 0; c < s.c / (r * r); ++c)
        for (int y = 0; y < s.h; ++y)
          for (int xx = 0; xx < s.w; ++xx)
            for (int i = 0; i < r; ++i)
              for (int j = 0; j < r; ++j)
                ref.at(n, c, y * r + i, xx * r + j) = x.at(n, c * r * r + i * r + j, y, xx);
    expect_close(be().pixel_shuffle(up(x), r), ref, 0.0);
  }
}

}  // namespace fr::test
