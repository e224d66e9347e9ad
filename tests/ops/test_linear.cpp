#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, Linear) {
  struct Case {
    Shape x;
    int out;
    bool bias;
  };
  for (const Case& c : {Case{{1, 13, 3, 3}, 37, true}, Case{{2, 127, 1, 1}, 1, false},
                        Case{{1, 512, 4, 4}, 64, true}}) {
    SCOPED_TRACE(c.x.str());
    const int64_t in = c.x.numel() / c.x.n;
    const HostTensor x = random_tensor(c.x, rng);
    const HostTensor w = random_tensor({c.out, int(in), 1, 1}, rng);
    const HostTensor b = random_tensor({1, c.out, 1, 1}, rng);
    HostTensor ref({c.x.n, c.out, 1, 1});
    for (int n = 0; n < c.x.n; ++n)
      for (int o = 0; o < c.out; ++o) {
        double acc = c.bias ? b.data[size_t(o)] : 0.0;
        for (int64_t i = 0; i < in; ++i)
          acc += double(w.data[size_t(o * in + i)]) * x.data[size_t(n * in + i)];
        ref.at(n, o, 0, 0) = float(acc);
      }
    expect_close(be().linear(up(x), up(w), c.bias ? up(b) : Tensor{}), ref, 1e-5);
  }
}

}  // namespace fr::test
