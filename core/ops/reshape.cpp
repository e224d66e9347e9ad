// reshape (core/backend.h): a new shape of the same element count over the same buffer.
#include "core/backend.h"

namespace fr {

Tensor Backend::reshape(const Tensor& x, const Shape& s) {
  if (stopped()) return {};
  check_input(x, "reshape");
  FR_CHECK(s.numel() == x.shape().numel() && s.n > 0 && s.c > 0 && s.h > 0 && s.w > 0,
           "reshape: " + x.shape().str() + " to " + s.str());
  return Tensor(s, x.shared_buffer(), this);
}

}  // namespace fr
