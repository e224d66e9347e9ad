// conv_transpose2d's contract (core/ops.h ConvTranspose2dParams): the weight fits the input;
// bias and PReLU slopes fit the output, whose shape is computed here. Counts the
// multiply-accumulates.
#include "core/backend.h"

namespace fr {

Tensor Backend::conv_transpose2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                                 const ConvTranspose2dParams& p) {
  if (stopped()) return {};
  check_input(x, "conv_transpose2d");
  check_input(weight, "conv_transpose2d");
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  FR_CHECK(ws.c == xs.c, "conv_transpose2d: input " + xs.str() + ", weight " + ws.str());
  FR_CHECK(p.stride >= 1 && p.pad >= 0 && p.output_pad >= 0, "conv_transpose2d: parameters");
  const Shape out{xs.n, ws.n, (xs.h - 1) * p.stride - 2 * p.pad + ws.h + p.output_pad,
                  (xs.w - 1) * p.stride - 2 * p.pad + ws.w + p.output_pad};
  FR_CHECK(out.h > 0 && out.w > 0, "conv_transpose2d: empty output for " + xs.str());
  check_channel_tensor(bias, ws.n, "conv_transpose2d bias");
  check_activation(p.act, ws.n, "conv_transpose2d");
  macs_ += xs.numel() * ws.n * ws.h * ws.w;
  return guarded("conv_transpose2d", [&] { return run_conv_transpose2d(x, weight, bias, p, out); });
}

}  // namespace fr
