// The op test's perf mode: with FACERESTORE_OP_PERF=1, OpTest.Perf times the heavy ops at the
// shapes the networks run them at, on each backend, and prints one line per op with its median
// time and effective GFLOP/s (2 · the multiply-accumulates Backend counts / time). Without it
// the case is skipped: timings are for benchmarks, never assertions (docs/benchmarks.md).
//   FACERESTORE_OP_PERF=1 build/tests/op_tests --gtest_filter='*Perf*'
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

struct PerfCase {
  std::string name;  // what the networks use it for
  Shape x;
  int out, k, stride, groups;
  ActKind act;
};

// The convolutions that dominate each network's time.
const PerfCase kCases[] = {
    {"srvgg body 3x3 64->64, 320x480", {1, 64, 320, 480}, 64, 3, 1, 1, ActKind::prelu},
    {"rrdb dense 3x3 160->32, 128x128", {1, 160, 128, 128}, 32, 3, 1, 1, ActKind::leaky_relu},
    {"rrdb trunk 3x3 64->64, 512x512", {1, 64, 512, 512}, 64, 3, 1, 1, ActKind::leaky_relu},
    {"gfpgan 3x3 512->512, 32x32", {1, 512, 32, 32}, 512, 3, 1, 1, ActKind::leaky_relu},
    {"gfpgan 1x1 128->128, 256x256", {1, 128, 256, 256}, 128, 1, 1, 1, ActKind::none},
    {"retinaface depthwise 3x3 64, 180x320", {1, 64, 180, 320}, 64, 3, 1, 64, ActKind::leaky_relu},
    {"retinaface stride 2 3x3 32->64, 360x640",
     {1, 32, 360, 640},
     64,
     3,
     2,
     1,
     ActKind::leaky_relu},
};

bool perf_mode() {
  const char* v = std::getenv("FACERESTORE_OP_PERF");
  return v && std::string(v) == "1";
}

int repeats() {
  const char* v = std::getenv("FACERESTORE_OP_PERF_REPEATS");
  const int n = v ? std::atoi(v) : 0;
  return n > 0 ? n : 5;
}

TEST_P(OpTest, Perf) {
  if (!perf_mode()) GTEST_SKIP() << "perf mode is off (FACERESTORE_OP_PERF=1 turns it on)";
  std::printf("perf %-14s %-42s %10s %10s\n", "backend", "op", "median ms", "GFLOP/s");
  for (const PerfCase& c : kCases) {
    const HostTensor x = random_tensor(c.x, rng);
    const HostTensor w = random_tensor({c.out, c.x.c / c.groups, c.k, c.k}, rng, -0.1f, 0.1f);
    const HostTensor b = random_tensor({1, c.out, 1, 1}, rng);
    const HostTensor slopes = random_tensor({1, c.out, 1, 1}, rng, 0.0f, 0.3f);
    const Tensor tx = up(x), tw = up(w), tb = up(b), ts = up(slopes);
    Conv2dParams p;
    p.stride = c.stride;
    p.groups = c.groups;
    p.act.kind = c.act;
    p.act.slope = 0.2f;
    if (c.act == ActKind::prelu) p.act.prelu_slopes = ts;
    ASSERT_TRUE(be().finish().ok());

    std::vector<double> ms;
    int64_t macs = 0;
    Tensor y;
    for (int i = 0; i <= repeats(); ++i) {  // the first run builds primitives: not counted
      be().reset_mac_count();
      const auto start = std::chrono::steady_clock::now();
      y = be().conv2d(tx, tw, tb, p);
      ASSERT_TRUE(be().finish().ok()) << be().status().error().message;
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - start;
      if (i > 0) ms.push_back(took.count());
      macs = be().mac_count();
    }
    std::sort(ms.begin(), ms.end());
    const double median = ms[ms.size() / 2];
    std::printf("perf %-14s %-42s %10.2f %10.1f\n", GetParam().name.c_str(), c.name.c_str(), median,
                2.0 * double(macs) / (median * 1e6));
    // The output must be real numbers: a broken kernel timed fast is no result.
    const HostTensor out = down(y);
    EXPECT_TRUE(std::all_of(out.data.begin(), out.data.end(), [](float v) {
      return std::isfinite(v);
    })) << c.name;
  }
}

}  // namespace
}  // namespace fr::test
