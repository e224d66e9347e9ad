// linear's contract (core/ops.h): the weight is (out, in), in being the number of values per
// batch item. Counts the multiply-accumulates.
#include "core/backend.h"

namespace fr {

Tensor Backend::linear(const Tensor& x, const Tensor& weight, const Tensor& bias) {
  if (stopped()) return {};
  check_input(x, "linear");
  check_input(weight, "linear");
  const int64_t in = x.shape().numel() / x.shape().n;
  const int out = weight.shape().n;
  FR_CHECK(weight.shape().numel() == int64_t(out) * in,
           "linear: input " + x.shape().str() + ", weight " + weight.shape().str());
  check_channel_tensor(bias, out, "linear bias");
  macs_ += int64_t(x.shape().n) * out * in;
  return guarded("linear", [&] { return run_linear(x, weight, bias, {x.shape().n, out, 1, 1}); });
}

}  // namespace fr
