// binary's contract (core/ops.h BinaryKind): the shapes broadcast; the output shape.
#include <algorithm>

#include "core/backend.h"

namespace fr {

Tensor Backend::binary(const Tensor& a, const Tensor& b, BinaryKind kind) {
  if (stopped()) return {};
  check_input(a, "binary");
  check_input(b, "binary");
  const Shape& x = a.shape();
  const Shape& y = b.shape();
  auto dim = [&](int p, int q) {
    FR_CHECK(p == q || p == 1 || q == 1,
             "binary: shapes " + x.str() + " and " + y.str() + " do not broadcast");
    return std::max(p, q);
  };
  return guarded("binary", [&] {
    return run_binary(a, b, kind, {dim(x.n, y.n), dim(x.c, y.c), dim(x.h, y.h), dim(x.w, y.w)});
  });
}

}  // namespace fr
