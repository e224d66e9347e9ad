#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, ReshapeKeepsTheDataInOrder) {
  const HostTensor x = random_tensor({1, 12, 5, 3}, rng);
  const Tensor r = be().reshape(up(x), {1, 3, 4, 15});
  EXPECT_EQ(r.shape(), (Shape{1, 3, 4, 15}));
  expect_close(r, HostTensor({1, 3, 4, 15}, x.data), 0.0);
  EXPECT_THROW(be().reshape(up(x), {1, 3, 4, 16}), std::logic_error);
}

}  // namespace fr::test
