// add_noise's contract (core/ops.h): the noise is (N,1,H,W) for x (N,C,H,W).
#include "core/backend.h"

namespace fr {

Tensor Backend::add_noise(const Tensor& x, const Tensor& noise, float weight) {
  if (stopped()) return {};
  check_input(x, "add_noise");
  check_input(noise, "add_noise");
  const Shape& s = x.shape();
  const Shape& ns = noise.shape();
  FR_CHECK(ns.c == 1 && ns.n == s.n && ns.h == s.h && ns.w == s.w,
           "add_noise: x " + s.str() + ", noise " + ns.str());
  return guarded("add_noise", [&] { return run_add_noise(x, noise, weight); });
}

}  // namespace fr
