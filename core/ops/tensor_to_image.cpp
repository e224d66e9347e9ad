// tensor_to_image's contract (core/ops.h TensorToImageParams): x is (1,3,H,W). The error
// state is its result; a set cancel flag does not stop it.
#include "core/backend.h"

namespace fr {

Result<ImageU8> Backend::tensor_to_image(const Tensor& x, const TensorToImageParams& p) {
  if (failed()) return *error_;
  check_input(x, "tensor_to_image");
  FR_CHECK(x.shape().n == 1 && x.shape().c == 3, "tensor_to_image: " + x.shape().str());
  return guarded("tensor_to_image", [&] { return run_tensor_to_image(x, p); });
}

}  // namespace fr
