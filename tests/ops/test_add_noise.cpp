#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, AddNoise) {
  const HostTensor x = random_tensor({2, 13, 7, 5}, rng);
  const HostTensor noise = random_tensor({2, 1, 7, 5}, rng);
  const float weight = 0.37f;
  HostTensor ref(x.shape);
  for (int n = 0; n < 2; ++n)
    for (int c = 0; c < 13; ++c)
      for (int y = 0; y < 7; ++y)
        for (int xx = 0; xx < 5; ++xx)
          ref.at(n, c, y, xx) = x.at(n, c, y, xx) + weight * noise.at(n, 0, y, xx);
  expect_close(be().add_noise(up(x), up(noise), weight), ref, 1e-6);
}

}  // namespace fr::test
