#include <cmath>

#include "core/noise_rng.h"
#include "tests/ops/op_test_support.h"

namespace fr::test {

// The map is the documented function of (seed, index) on every backend.
TEST_P(OpTest, RandomNormalFollowsTheSharedFormula) {
  const uint64_t seed = 0x0123456789abcdefull;
  HostTensor ref({1, 1, 13, 11});
  for (int i = 0; i < 13 * 11; ++i) ref.data[size_t(i)] = normal_at(seed, uint32_t(i));
  expect_close(be().random_normal(13, 11, seed), ref, 1e-5);
}

TEST_P(OpTest, RandomNormalIsStandardNormalAndSeeded) {
  const HostTensor a = down(be().random_normal(256, 256, 7));
  const HostTensor b = down(be().random_normal(256, 256, 7));
  const HostTensor c = down(be().random_normal(256, 256, 8));
  EXPECT_EQ(a.data, b.data);
  EXPECT_NE(a.data, c.data);
  double sum = 0.0, sq = 0.0;
  for (float v : a.data) {
    ASSERT_TRUE(std::isfinite(v));
    sum += v;
    sq += double(v) * v;
  }
  const double mean = sum / double(a.data.size());
  const double var = sq / double(a.data.size()) - mean * mean;
  // 65536 samples: the standard error of the mean is 0.004; of the variance about 0.006.
  EXPECT_NEAR(mean, 0.0, 0.02);
  EXPECT_NEAR(var, 1.0, 0.03);
}

}  // namespace fr::test
