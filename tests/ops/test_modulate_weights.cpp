#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, ModulateWeights) {
  struct Case {
    Shape w;
    bool demodulate;
    float gain;
  };
  for (const Case& c : {Case{{7, 13, 3, 3}, true, 1.0f}, Case{{13, 13, 3, 3}, true, 1.4142135f},
                        Case{{3, 13, 1, 1}, false, 1.0f}, Case{{1, 127, 3, 3}, true, 1.0f}}) {
    SCOPED_TRACE(c.w.str());
    const HostTensor w = random_tensor(c.w, rng, -0.3f, 0.3f);
    const HostTensor style = random_tensor({1, c.w.c, 1, 1}, rng, 0.2f, 2.0f);
    HostTensor ref(c.w);
    for (int o = 0; o < c.w.n; ++o) {
      double sum = 0.0;
      for (int i = 0; i < c.w.c; ++i)
        for (int ky = 0; ky < c.w.h; ++ky)
          for (int kx = 0; kx < c.w.w; ++kx) {
            const double v = double(w.at(o, i, ky, kx)) * style.data[size_t(i)];
            sum += v * v;
          }
      const double k = c.gain * (c.demodulate ? 1.0 / std::sqrt(sum + 1e-8) : 1.0);
      for (int i = 0; i < c.w.c; ++i)
        for (int ky = 0; ky < c.w.h; ++ky)
          for (int kx = 0; kx < c.w.w; ++kx)
            ref.at(o, i, ky, kx) = float(double(w.at(o, i, ky, kx)) * style.data[size_t(i)] * k);
    }
    expect_close(be().modulate_weights(up(w), up(style), {c.demodulate, c.gain}), ref, 1e-6);
  }
}

}  // namespace fr::test
