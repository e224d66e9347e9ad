#include <cmath>

#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

float act_ref(float v, const Activation& a, const HostTensor* slopes, int c) {
  switch (a.kind) {
    case ActKind::none:
      return v;
    case ActKind::relu:
      return v > 0 ? v : 0.0f;
    case ActKind::leaky_relu:
      return v > 0 ? v : v * a.slope;
    case ActKind::prelu:
      return v > 0 ? v : v * slopes->data[size_t(c)];
    case ActKind::sigmoid:
      return float(1.0 / (1.0 + std::exp(-double(v))));
  }
  return v;
}

// Direct convolution, double accumulation.
HostTensor conv_ref(const HostTensor& x, const HostTensor& w, const HostTensor* bias, int stride,
                    int pad, int groups, const Activation& act, const HostTensor* slopes,
                    float out_scale, const HostTensor* residual) {
  const Shape& xs = x.shape;
  const Shape& ws = w.shape;
  const int oh = (xs.h + 2 * pad - ws.h) / stride + 1, ow = (xs.w + 2 * pad - ws.w) / stride + 1;
  HostTensor y({xs.n, ws.n, oh, ow});
  const int in_per_group = xs.c / groups, out_per_group = ws.n / groups;
  for (int n = 0; n < xs.n; ++n)
    for (int o = 0; o < ws.n; ++o) {
      const int g = o / out_per_group;
      for (int yy = 0; yy < oh; ++yy)
        for (int xx = 0; xx < ow; ++xx) {
          double acc = bias ? bias->data[size_t(o)] : 0.0;
          for (int i = 0; i < in_per_group; ++i)
            for (int ky = 0; ky < ws.h; ++ky)
              for (int kx = 0; kx < ws.w; ++kx) {
                const int iy = yy * stride - pad + ky, ix = xx * stride - pad + kx;
                if (iy < 0 || iy >= xs.h || ix < 0 || ix >= xs.w) continue;
                acc += double(x.at(n, g * in_per_group + i, iy, ix)) * w.at(o, i, ky, kx);
              }
          float v = act_ref(float(acc), act, slopes, o) * out_scale;
          if (residual) v += residual->at(n, o, yy, xx);
          y.at(n, o, yy, xx) = v;
        }
    }
  return y;
}

struct ConvCase {
  Shape x;
  int out, k, stride, pad, groups;
  bool bias;
  ActKind act;
  float slope = 0.0f, out_scale = 1.0f;
  bool residual = false;
};

}  // namespace

TEST_P(OpTest, Conv2d) {
  const ConvCase cases[] = {
      {{1, 13, 11, 9}, 7, 3, 1, -1, 1, true, ActKind::none},
      {{1, 3, 13, 11}, 16, 3, 2, -1, 1, true, ActKind::leaky_relu, 0.2f},  // stride 2, odd size
      {{1, 127, 1, 1}, 13, 1, 1, -1, 1, true, ActKind::relu},              // 1×1 map, 127 ch
      {{1, 13, 1, 1}, 5, 3, 1, -1, 1, true, ActKind::none},                // 3×3 on a 1×1 map
      {{1, 13, 9, 7}, 13, 3, 2, -1, 13, true, ActKind::leaky_relu, 0.1f},  // depthwise, stride 2
      {{1, 12, 8, 10}, 6, 3, 1, -1, 3, false, ActKind::none},              // grouped
      {{1, 13, 10, 7}, 13, 3, 1, -1, 1, true, ActKind::prelu},
      {{1, 13, 6, 5}, 4, 3, 1, -1, 1, true, ActKind::sigmoid},
      {{1, 16, 7, 9}, 16, 3, 1, -1, 1, true, ActKind::leaky_relu, 0.2f, 0.2f, true},  // RDB tail
      {{1, 16, 7, 9}, 16, 3, 1, -1, 1, false, ActKind::none, 0.0f, 1.0f, true},       // skip + add
      {{1, 3, 17, 19}, 8, 7, 2, 3, 1, false, ActKind::relu},                          // ResNet stem
      {{1, 16, 9, 9}, 32, 1, 2, 0, 1, false, ActKind::none},  // ResNet downsample
      {{2, 5, 6, 5}, 4, 3, 1, -1, 1, true, ActKind::none},    // batch 2
  };
  for (const ConvCase& c : cases) {
    SCOPED_TRACE("input " + c.x.str() + " out " + std::to_string(c.out) + " k" +
                 std::to_string(c.k) + " s" + std::to_string(c.stride) + " g" +
                 std::to_string(c.groups));
    const HostTensor x = random_tensor(c.x, rng);
    const HostTensor w = random_tensor({c.out, c.x.c / c.groups, c.k, c.k}, rng, -0.5f, 0.5f);
    const HostTensor b = random_tensor({1, c.out, 1, 1}, rng);
    const HostTensor slopes = random_tensor({1, c.out, 1, 1}, rng, 0.0f, 0.5f);
    const int pad = c.pad < 0 ? c.k / 2 : c.pad;
    const HostTensor r = random_tensor({c.x.n, c.out, (c.x.h + 2 * pad - c.k) / c.stride + 1,
                                        (c.x.w + 2 * pad - c.k) / c.stride + 1},
                                       rng);
    Conv2dParams p;
    p.stride = c.stride;
    p.pad = c.pad;
    p.groups = c.groups;
    p.act.kind = c.act;
    p.act.slope = c.slope;
    if (c.act == ActKind::prelu) p.act.prelu_slopes = up(slopes);
    p.out_scale = c.out_scale;
    const Tensor y =
        be().conv2d(up(x), up(w), c.bias ? up(b) : Tensor{}, p, c.residual ? up(r) : Tensor{});
    expect_close(y,
                 conv_ref(x, w, c.bias ? &b : nullptr, c.stride, pad, c.groups, p.act, &slopes,
                          c.out_scale, c.residual ? &r : nullptr),
                 2e-5);
  }
}

// Outputs handed on between convolutions and other ops: the CPU backend keeps convolution
// outputs in a blocked layout, so this covers a blocked input, a blocked residual, a blocked
// output read by a plain op and through a reshape, and the same weights in two primitives.
TEST_P(OpTest, Conv2dChainsHandOnTheirOutputs) {
  const HostTensor x = random_tensor({1, 3, 11, 13}, rng);
  const HostTensor w1 = random_tensor({32, 3, 3, 3}, rng, -0.5f, 0.5f);
  const HostTensor w2 = random_tensor({32, 32, 3, 3}, rng, -0.2f, 0.2f);
  const HostTensor w3 = random_tensor({16, 32, 1, 1}, rng, -0.3f, 0.3f);
  const HostTensor b = random_tensor({1, 32, 1, 1}, rng);
  const HostTensor slopes = random_tensor({1, 32, 1, 1}, rng, 0.0f, 0.5f);
  Conv2dParams prelu;
  prelu.act = Activation::prelu(up(slopes));
  const Tensor bt = up(b), w2t = up(w2);
  const Tensor y1 = be().conv2d(up(x), up(w1), bt, prelu);
  Conv2dParams leaky;
  leaky.act = Activation::leaky(0.2f);
  const Tensor y2 = be().conv2d(y1, w2t, bt, leaky, y1);  // y1 as input and residual
  const Tensor y3 = be().conv2d(y2, w2t, {}, {});         // w2 again, another primitive
  const Tensor sum = be().add(y3, y1);                    // a plain op on two outputs
  const Tensor y4 = be().conv2d(be().reshape(y3, {1, 32, 13, 11}), up(w3), {}, {});

  const HostTensor r1 = conv_ref(x, w1, &b, 1, 1, 1, prelu.act, &slopes, 1.0f, nullptr);
  const HostTensor r2 = conv_ref(r1, w2, &b, 1, 1, 1, leaky.act, nullptr, 1.0f, &r1);
  const HostTensor r3 = conv_ref(r2, w2, nullptr, 1, 1, 1, {}, nullptr, 1.0f, nullptr);
  HostTensor rsum = r3;
  for (size_t i = 0; i < rsum.data.size(); ++i) rsum.data[i] += r1.data[i];
  HostTensor r3_reshaped({1, 32, 13, 11});
  r3_reshaped.data = r3.data;
  const HostTensor r4 = conv_ref(r3_reshaped, w3, nullptr, 1, 0, 1, {}, nullptr, 1.0f, nullptr);
  expect_close(y2, r2, 2e-5);
  expect_close(sum, rsum, 2e-5);
  expect_close(y4, r4, 2e-5);
  expect_close(y1, r1, 2e-5);  // read again after its buffer served as input and residual
}

TEST_P(OpTest, Conv2dRejectsMismatchedChannels) {
  const Tensor x = up(random_tensor({1, 5, 4, 4}, rng));
  const Tensor w = up(random_tensor({3, 4, 3, 3}, rng));
  EXPECT_THROW(be().conv2d(x, w, {}, {}), std::logic_error);
}

}  // namespace fr::test
