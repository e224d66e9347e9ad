// Running an image network end to end on 8-bit BGR images: the face restorers and the
// background upscalers take RGB tensors in [lo, 1] and give them back in about that range.
#pragma once

#include <functional>
#include <string>

#include "core/backend.h"

namespace fr {

// A failed network run: the backend leaves its error state, so that the next image starts
// clean, and the error says "`what` failed on <device>: …" with the failure's kind.
Error network_run_error(Backend& be, const Error& error, const std::string& what);

// 8-bit BGR → RGB tensor in [lo, 1] → `forward` → clamped to [lo, 1] → 8-bit BGR, rounded
// (GFPGAN uses lo = −1, the upscalers 0). A failure leaves the backend's error state, so
// that the next image starts clean, and says "`what` failed on <device>: …" with the
// failure's kind; NaN or infinite outputs are an error of kind not_finite.
Result<ImageU8> run_image_network(Backend& be, const ImageU8View& bgr, float lo,
                                  const std::function<Result<Tensor>(const Tensor&)>& forward,
                                  const char* what);

}  // namespace fr
