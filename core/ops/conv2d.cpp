// conv2d's contract (core/ops.h Conv2dParams): the weight fits the input and groups; bias,
// PReLU slopes and residual fit the output, whose shape is computed here (pad −1 resolved to
// KH/2). Counts the multiply-accumulates.
#include "core/backend.h"

namespace fr {

Tensor Backend::conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                       const Conv2dParams& p, const Tensor& residual) {
  if (stopped()) return {};
  check_input(x, "conv2d");
  check_input(weight, "conv2d");
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  FR_CHECK(p.groups >= 1 && xs.c % p.groups == 0 && ws.n % p.groups == 0 && ws.c == xs.c / p.groups,
           "conv2d: input " + xs.str() + ", weight " + ws.str() + ", groups " +
               std::to_string(p.groups));
  FR_CHECK(p.stride >= 1, "conv2d: stride");
  const int pad = p.pad < 0 ? ws.h / 2 : p.pad;
  const Shape out{xs.n, ws.n, window_out(xs.h, ws.h, p.stride, pad),
                  window_out(xs.w, ws.w, p.stride, pad)};
  FR_CHECK(out.h > 0 && out.w > 0, "conv2d: empty output for input " + xs.str());
  check_channel_tensor(bias, ws.n, "conv2d bias");
  check_activation(p.act, ws.n, "conv2d");
  if (!residual.empty()) {
    check_input(residual, "conv2d residual");
    FR_CHECK(residual.shape() == out,
             "conv2d: residual " + residual.shape().str() + " for output " + out.str());
  }
  macs_ += out.numel() * ws.c * ws.h * ws.w;
  return guarded("conv2d", [&] { return run_conv2d(x, weight, bias, p, residual, pad, out); });
}

}  // namespace fr
