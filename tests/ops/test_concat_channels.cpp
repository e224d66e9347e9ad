#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, ConcatChannels) {
  const HostTensor a = random_tensor({2, 13, 5, 3}, rng);
  const HostTensor b = random_tensor({2, 1, 5, 3}, rng);
  const HostTensor c = random_tensor({2, 127, 5, 3}, rng);
  HostTensor ref({2, 141, 5, 3});
  for (int n = 0; n < 2; ++n)
    for (int y = 0; y < 5; ++y)
      for (int x = 0; x < 3; ++x) {
        for (int k = 0; k < 13; ++k) ref.at(n, k, y, x) = a.at(n, k, y, x);
        ref.at(n, 13, y, x) = b.at(n, 0, y, x);
        for (int k = 0; k < 127; ++k) ref.at(n, 14 + k, y, x) = c.at(n, k, y, x);
      }
  expect_close(be().concat_channels({up(a), up(b), up(c)}), ref, 0.0);
}

}  // namespace fr::test
