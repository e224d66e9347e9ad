#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, Crop2d) {
  const HostTensor x = random_tensor({1, 13, 9, 7}, rng);
  for (const Crop2dParams& p :
       {Crop2dParams{2, 1, 5, 4}, Crop2dParams{0, 0, 9, 7}, Crop2dParams{8, 6, 1, 1}}) {
    HostTensor ref({1, 13, p.out_h, p.out_w});
    for (int c = 0; c < 13; ++c)
      for (int y = 0; y < p.out_h; ++y)
        for (int xx = 0; xx < p.out_w; ++xx)
          ref.at(0, c, y, xx) = x.at(0, c, p.top + y, p.left + xx);
    expect_close(be().crop2d(up(x), p), ref, 0.0);
  }
}

}  // namespace fr::test
