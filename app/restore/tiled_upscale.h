// Upscaling a whole photo with a background network, tile by tile, as Real-ESRGAN's tiler
// does (each tile run with a margin of context, only its centre kept): device memory is
// bounded by the tile, not by the photo.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include <opencv2/core.hpp>

#include "core/error.h"
#include "models/upscaler.h"

namespace fr {

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
Result<cv::Mat> upscale_tiled(Upscaler& model, const cv::Mat& bgr, const TileOptions& options,
                              const TileCallback& on_tile = {});

}  // namespace fr
