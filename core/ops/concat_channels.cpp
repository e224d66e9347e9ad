// concat_channels' contract (core/ops.h): at least one part, all with equal N, H, W; the
// output shape.
#include "core/backend.h"

namespace fr {

Tensor Backend::concat_channels(const std::vector<Tensor>& parts) {
  if (stopped()) return {};
  FR_CHECK(!parts.empty(), "concat_channels: nothing to concatenate");
  check_input(parts.front(), "concat_channels");
  Shape out = parts.front().shape();
  out.c = 0;
  for (const Tensor& t : parts) {
    check_input(t, "concat_channels");
    const Shape& s = t.shape();
    FR_CHECK(s.n == out.n && s.h == out.h && s.w == out.w,
             "concat_channels: " + s.str() + " with " + parts.front().shape().str());
    out.c += s.c;
  }
  return guarded("concat_channels", [&] { return run_concat_channels(parts, out); });
}

}  // namespace fr
