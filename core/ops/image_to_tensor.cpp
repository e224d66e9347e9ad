// image_to_tensor's contract (core/ops.h ImageToTensorParams): a non-empty image view with
// rows of at least 3·w bytes.
#include "core/backend.h"

namespace fr {

Tensor Backend::image_to_tensor(const ImageU8View& image, const ImageToTensorParams& p) {
  if (stopped()) return {};
  FR_CHECK(image.data && image.h > 0 && image.w > 0 && image.row_bytes >= int64_t(image.w) * 3,
           "image_to_tensor: bad image view");
  return guarded("image_to_tensor", [&] { return run_image_to_tensor(image, p); });
}

}  // namespace fr
