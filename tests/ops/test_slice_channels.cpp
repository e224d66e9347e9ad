#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, SliceChannels) {
  const HostTensor x = random_tensor({2, 13, 4, 7}, rng);
  for (auto [begin, count] : {std::pair{0, 13}, std::pair{6, 7}, std::pair{12, 1}}) {
    HostTensor ref({2, count, 4, 7});
    for (int n = 0; n < 2; ++n)
      for (int k = 0; k < count; ++k)
        for (int y = 0; y < 4; ++y)
          for (int xx = 0; xx < 7; ++xx) ref.at(n, k, y, xx) = x.at(n, begin + k, y, xx);
    expect_close(be().slice_channels(up(x), begin, count), ref, 0.0);
  }
}

}  // namespace fr::test
