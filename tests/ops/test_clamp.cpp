#include <algorithm>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, Clamp) {
  const HostTensor x = random_tensor({1, 13, 9, 7}, rng, -2.0f, 2.0f);
  HostTensor ref(x.shape);
  for (size_t i = 0; i < x.data.size(); ++i) ref.data[i] = std::clamp(x.data[i], -1.0f, 1.0f);
  expect_close(be().clamp(up(x), -1.0f, 1.0f), ref, 0.0);
}

}  // namespace fr::test
