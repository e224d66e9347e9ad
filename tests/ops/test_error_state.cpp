// The backend error contract of core/backend.h: the first failure is kept, later ops return
// empty tensors without doing anything, and the error reaches download() and finish().
#include <atomic>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, OutOfMemoryEntersTheErrorState) {
  const Tensor small = up(random_tensor({1, 3, 4, 4}, rng));
  // 2^38 floats (1 TiB) cannot be had on any machine this runs on.
  const Tensor huge = be().random_normal(1 << 20, 1 << 18, 1);
  EXPECT_TRUE(huge.empty());
  EXPECT_TRUE(be().failed());
  EXPECT_TRUE(be().add(small, small).empty());
  auto r = be().download(small);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("out of memory"), std::string::npos) << r.error().message;
  EXPECT_FALSE(be().finish().ok());

  be().clear_error();
  EXPECT_TRUE(be().finish().ok());
  EXPECT_FALSE(be().add(small, small).empty());
}

TEST_P(OpTest, ACancelFlagStopsTheNextOp) {
  const Tensor x = up(random_tensor({1, 3, 5, 5}, rng));
  const Tensor w = up(random_tensor({4, 3, 3, 3}, rng));
  std::atomic<bool> cancel{false};
  be().set_cancel_flag(&cancel);
  EXPECT_FALSE(be().conv2d(x, w, {}, {}).empty());
  cancel = true;
  EXPECT_TRUE(be().conv2d(x, w, {}, {}).empty());
  EXPECT_TRUE(be().add(x, x).empty());
  auto st = be().finish();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, Backend::kCancelledMessage);

  // Once the flag is down and the error cleared, the backend works again.
  cancel = false;
  be().clear_error();
  const Tensor y = be().conv2d(x, w, {}, {});
  be().set_cancel_flag(nullptr);
  ASSERT_FALSE(y.empty());
  EXPECT_EQ(down(y).shape, (Shape{1, 4, 5, 5}));
}

TEST_P(OpTest, TensorsOfAnotherBackendAreRejected) {
  auto other = GetParam().make();
  ASSERT_TRUE(other.ok()) << other.error().message;
  const Tensor foreign = (*other)->upload(random_tensor({1, 2, 2, 2}, rng));
  EXPECT_THROW(be().clamp(foreign, 0.0f, 1.0f), std::logic_error);
}

}  // namespace fr::test
