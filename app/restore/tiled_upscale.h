// Upscaling a whole photo with a background network, tile by tile, as Real-ESRGAN's tiler
// does (each tile run with a margin of context, only its centre kept): device memory is
// bounded by the tile, not by the photo.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <opencv2/core.hpp>

#include "core/error.h"

namespace fr {

// The memory of an upscaler's run per input pixel, and what its device has, for choosing
// the tile side (auto_tile_side). −1: unknown.
struct TileMemory {
  double bytes_per_pixel = -1;           // the run's peak tensor memory per input pixel
  double largest_tensor_per_pixel = -1;  // the bytes of its largest tensor per input pixel
  int64_t free_bytes = -1;               // what the device could still allocate
  int64_t max_tensor_bytes = -1;         // the device's largest tensor; −1: no limit
};

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
  // What a run needs and what its device has free (TileMemory), measured by running a small
  // image; an empty TileMemory when the device cannot tell.
  virtual Result<TileMemory> measure_tile_memory();
};

struct TileOptions {
  // Tile side in input pixels; 0: the whole image as one tile; kAutoTile: auto_tile_side.
  int tile = 400;
  int pad = 10;  // input pixels of context on each side of a tile (clipped to the image)
};

// TileOptions::tile: chosen from the memory the network needs and the device has.
constexpr int kAutoTile = -1;
// The largest automatic tile: Real-ESRGAN's default, so that a device with room for it gives
// the same pixels as the official tiler.
constexpr int kLargestAutoTile = 400;

// The automatic tile side: the largest multiple of 16 up to `largest` for which a tile with
// `pad` pixels of context on each side (grown to the network's input `multiple`) needs at
// most half of the free memory, and whose largest tensor the device can hold. At least
// `smallest`; `largest` when the memory is unknown.
int auto_tile_side(const TileMemory& m, int pad, int multiple, int smallest, int largest);

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
