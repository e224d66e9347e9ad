// libFuzzer entry point for image decoding through our loader: fr::decode_image (OpenCV's
// decoders, then our EXIF orientation parsing and the conversion to 8-bit BGR). It must
// return an image or an error without crashing, leaking or touching memory it does not own
// (ASan, UBSan), whatever the bytes. scripts/fuzz caps OpenCV's own pixel limit
// (OPENCV_IO_MAX_IMAGE_PIXELS) so that a header claiming a huge image is refused by OpenCV
// before it allocates more than the fuzzer's memory limit.
#include <cstddef>
#include <cstdint>

#include "app/restore/exif_orientation.h"
#include "app/restore/image_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The orientation parser alone too: decode_image reaches it only for images OpenCV decodes.
  const int orientation = fr::exif_orientation(data, size);
  if (orientation < 1 || orientation > 8) __builtin_trap();
  auto image = fr::decode_image(data, size, "fuzz");
  if (image && (image->bgr.type() != CV_8UC3 || !image->bgr.isContinuous())) __builtin_trap();
  return 0;
}
