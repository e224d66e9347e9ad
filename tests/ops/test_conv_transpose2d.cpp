#include "tests/ops/op_test_support.h"

namespace fr::test {
namespace {

// Scatter form, as ncnn's reference writes it: every input element adds w·x to the outputs
// it reaches; then the pad is cut from each side (the backends compute the gather form).
HostTensor conv_transpose_ref(const HostTensor& x, const HostTensor& w, const HostTensor* bias,
                              int stride, int pad, int output_pad, float slope) {
  const Shape& xs = x.shape;
  const Shape& ws = w.shape;
  const int full_h = (xs.h - 1) * stride + ws.h + output_pad;
  const int full_w = (xs.w - 1) * stride + ws.w + output_pad;
  HostTensor full({xs.n, ws.n, full_h, full_w});
  for (int n = 0; n < xs.n; ++n)
    for (int o = 0; o < ws.n; ++o) {
      for (int yy = 0; yy < full_h; ++yy)
        for (int xx = 0; xx < full_w; ++xx)
          full.at(n, o, yy, xx) = bias ? bias->data[size_t(o)] : 0;
      for (int i = 0; i < xs.c; ++i)
        for (int iy = 0; iy < xs.h; ++iy)
          for (int ix = 0; ix < xs.w; ++ix)
            for (int ky = 0; ky < ws.h; ++ky)
              for (int kx = 0; kx < ws.w; ++kx)
                full.at(n, o, iy * stride + ky, ix * stride + kx) +=
                    x.at(n, i, iy, ix) * w.at(o, i, ky, kx);
    }
  HostTensor y({xs.n, ws.n, full_h - 2 * pad, full_w - 2 * pad});
  for (int n = 0; n < y.shape.n; ++n)
    for (int o = 0; o < y.shape.c; ++o)
      for (int yy = 0; yy < y.shape.h; ++yy)
        for (int xx = 0; xx < y.shape.w; ++xx) {
          const float v = full.at(n, o, yy + pad, xx + pad);
          y.at(n, o, yy, xx) = v > 0 ? v : v * slope;
        }
  return y;
}

}  // namespace

TEST_P(OpTest, ConvTranspose2d) {
  struct Case {
    Shape x;
    int out, k, stride, pad, output_pad;
    bool bias;
    float slope;  // 1: no activation
  };
  for (const Case& c : {Case{{1, 13, 5, 7}, 7, 3, 2, 1, 1, true, 1.0f},   // ×2 upsampler
                        Case{{1, 3, 1, 1}, 13, 4, 2, 1, 0, false, 0.2f},  // 1×1 map
                        Case{{2, 5, 4, 3}, 4, 2, 2, 0, 0, true, 0.0f},    // k = stride, relu
                        Case{{1, 4, 6, 6}, 3, 3, 1, 1, 0, true, 1.0f}}) {
    SCOPED_TRACE(c.x.str() + " k" + std::to_string(c.k) + " s" + std::to_string(c.stride));
    const HostTensor x = random_tensor(c.x, rng);
    const HostTensor w = random_tensor({c.out, c.x.c, c.k, c.k}, rng, -0.5f, 0.5f);
    const HostTensor b = random_tensor({1, c.out, 1, 1}, rng);
    ConvTranspose2dParams p;
    p.stride = c.stride;
    p.pad = c.pad;
    p.output_pad = c.output_pad;
    if (c.slope != 1.0f) p.act = Activation::leaky(c.slope);
    expect_close(
        be().conv_transpose2d(up(x), up(w), c.bias ? up(b) : Tensor{}, p),
        conv_transpose_ref(x, w, c.bias ? &b : nullptr, c.stride, c.pad, c.output_pad, c.slope),
        2e-5);
  }
}

}  // namespace fr::test
