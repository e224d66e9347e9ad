#include "models/image_network.h"

#include <string>

namespace fr {
Error network_run_error(Backend& be, const Error& error, const std::string& what) {
  be.clear_error();
  return Error{what + " failed on " + be.name() + ": " + error.message, error.kind};
}

Result<ImageU8> run_image_network(Backend& be, const ImageU8View& bgr, float lo,
                                  const std::function<Result<Tensor>(const Tensor&)>& forward,
                                  const char* what) {
  ImageToTensorParams in;
  for (int c = 0; c < 3; ++c) in.scale[c] = (1.0f - lo) / 255.0f, in.offset[c] = lo;
  Result<Tensor> y = forward(be.image_to_tensor(bgr, in));
  if (!y) return network_run_error(be, y.error(), what);
  TensorToImageParams out;
  out.lo = lo;
  out.hi = 1.0f;
  out.scale = 255.0f / (1.0f - lo);
  out.offset = -lo * out.scale;
  auto image = be.tensor_to_image(*y, out);
  if (!image) return network_run_error(be, image.error(), what);
  if (image->not_finite > 0)
    return Error{std::string(what) + " on " + be.name() + " produced " +
                     std::to_string(image->not_finite) + " NaN or infinite values",
                 ErrorKind::not_finite};
  return image;
}

}  // namespace fr
