#include "app/restore/tiled_upscale.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace fr {
namespace {

int round_up(int v, int multiple) {
  return (v + multiple - 1) / multiple * multiple;
}

int tiles_along(int size, int tile) {
  return tile > 0 ? (size + tile - 1) / tile : 1;
}

}  // namespace

int auto_tile_side(const TileMemory& m, int pad, int multiple, int smallest, int largest) {
  FR_CHECK(smallest > 0 && smallest <= largest, "auto_tile_side bounds");
  double pixels = std::numeric_limits<double>::infinity();  // the most a tile may have
  if (m.bytes_per_pixel > 0 && m.free_bytes >= 0)
    pixels = std::min(pixels, 0.5 * double(m.free_bytes) / m.bytes_per_pixel);
  if (m.largest_tensor_per_pixel > 0 && m.max_tensor_bytes > 0)
    pixels = std::min(pixels, double(m.max_tensor_bytes) / m.largest_tensor_per_pixel);
  if (!std::isfinite(pixels)) return largest;
  // A tile's input is its side plus the pad on both sides, each grown to the multiple.
  const double margin = 2.0 * (pad + std::max(1, multiple) - 1);
  const double side = std::floor(std::sqrt(pixels) - margin);
  const int rounded = side >= largest ? largest : int(side) / 16 * 16;
  return std::clamp(rounded, smallest, largest);
}

int tile_count(int height, int width, int multiple, const TileOptions& options) {
  multiple = std::max(1, multiple);
  const int h = round_up(height, multiple), w = round_up(width, multiple);
  return tiles_along(h, options.tile) * tiles_along(w, options.tile);
}

Result<cv::Mat> upscale_tiled(Upscaler& model, const cv::Mat& bgr, const TileOptions& options,
                              const TileCallback& on_tile) {
  FR_CHECK(bgr.type() == CV_8UC3 && !bgr.empty(), "upscale_tiled takes an 8-bit BGR image");
  FR_CHECK(options.tile >= 0 && options.pad >= 0, "tile and pad are not negative");
  const int s = model.scale(), multiple = std::max(1, model.input_multiple());
  const int height = bgr.rows, width = bgr.cols;

  cv::Mat padded = bgr;
  const int pad_h = round_up(height, multiple) - height, pad_w = round_up(width, multiple) - width;
  if (pad_h > 0 || pad_w > 0) {
    // PyTorch's reflect padding mirrors without repeating the edge; it needs pad < size.
    const int mode =
        pad_h < height && pad_w < width ? cv::BORDER_REFLECT_101 : cv::BORDER_REPLICATE;
    cv::copyMakeBorder(bgr, padded, 0, pad_h, 0, pad_w, mode);
  }
  const int ph = padded.rows, pw = padded.cols;
  const int tile_h = options.tile > 0 ? options.tile : ph,
            tile_w = options.tile > 0 ? options.tile : pw;
  const int tiles_y = tiles_along(ph, options.tile), tiles_x = tiles_along(pw, options.tile);
  const int count = tiles_x * tiles_y;

  cv::Mat out(ph * s, pw * s, CV_8UC3);
  for (int ty = 0; ty < tiles_y; ++ty) {
    for (int tx = 0; tx < tiles_x; ++tx) {
      if (on_tile && !on_tile(ty * tiles_x + tx + 1, count)) return Error{"cancelled"};
      const cv::Rect core(tx * tile_w, ty * tile_h, std::min(tile_w, pw - tx * tile_w),
                          std::min(tile_h, ph - ty * tile_h));
      cv::Rect with_pad(core.x - options.pad, core.y - options.pad, core.width + 2 * options.pad,
                        core.height + 2 * options.pad);
      with_pad &= cv::Rect(0, 0, pw, ph);
      // A model with an input multiple gets a tile it can take: the padded rectangle only
      // grows, inside the image (the image's sides are multiples already).
      if (multiple > 1) {
        const int x0 = with_pad.x / multiple * multiple, y0 = with_pad.y / multiple * multiple;
        const int x1 = std::min(round_up(with_pad.br().x, multiple), pw);
        const int y1 = std::min(round_up(with_pad.br().y, multiple), ph);
        with_pad = cv::Rect(x0, y0, x1 - x0, y1 - y0);
      }
      const cv::Mat tile = padded(with_pad);
      auto upscaled =
          model.upscale({tile.ptr<uint8_t>(), tile.rows, tile.cols, int64_t(tile.step[0])});
      if (!upscaled) return upscaled.error();
      FR_CHECK(upscaled->h == with_pad.height * s && upscaled->w == with_pad.width * s,
               "an Upscaler returns scale() times its input");
      const cv::Mat tile_out(upscaled->h, upscaled->w, CV_8UC3, upscaled->data.data());
      const cv::Rect from((core.x - with_pad.x) * s, (core.y - with_pad.y) * s, core.width * s,
                          core.height * s);
      tile_out(from).copyTo(out(cv::Rect(core.x * s, core.y * s, core.width * s, core.height * s)));
    }
  }
  if (pad_h > 0 || pad_w > 0) return cv::Mat(out(cv::Rect(0, 0, width * s, height * s))).clone();
  return out;
}

}  // namespace fr
