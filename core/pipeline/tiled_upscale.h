// Upscaling a whole photo with a background network, tile by tile, as Real-ESRGAN's tiler
// does (../shared/spec/pipeline.md, "Tiled upscaling"): device memory is bounded by the tile,
// not by the photo.
#pragma once

#include <functional>
#include <string>

#include <opencv2/core.hpp>

#include "core/error.h"

namespace fr {

// A network that makes an 8-bit BGR image scale() times larger. Implemented in models/
// (the Real-ESRGAN family); used from the pipeline's thread only.
class ImageUpscaler {
 public:
  virtual ~ImageUpscaler() = default;
  virtual int scale() const = 0;
  // The input's height and width must be multiples of this.
  virtual int input_multiple() const { return 1; }
  virtual std::string describe() const = 0;
  // bgr: 8-bit BGR, sides multiples of input_multiple(). Returns 8-bit BGR of scale()× the
  // size: the network's output clamped to [0,1], ×255, rounded.
  virtual Result<cv::Mat> upscale(const cv::Mat& bgr) = 0;
};

struct TileOptions {
  int tile = 400;  // tile side in input pixels; 0: the whole image as one tile
  int pad = 10;    // input pixels of context on each side of a tile (clipped to the image)
};

// Called before each tile with (tile index from 1, tile count); return false to cancel.
using TileCallback = std::function<bool(int index, int count)>;

// How many tiles upscale_tiled runs for an image of this size.
int tile_count(int height, int width, int multiple, const TileOptions& options);

// The image at the model's own scale: reflect-padded at the bottom and right to the model's
// input multiple, cut into tiles, each run with its pad of context and only its centre kept,
// cropped back to scale·H × scale·W. Cancelling returns an error saying so.
Result<cv::Mat> upscale_tiled(ImageUpscaler& model, const cv::Mat& bgr, const TileOptions& options,
                              const TileCallback& on_tile = {});

}  // namespace fr
