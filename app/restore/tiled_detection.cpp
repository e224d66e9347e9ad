#include "app/restore/tiled_detection.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "models/face_detection.h"

namespace fr {
namespace {

// Tiles start at multiples of this: RetinaFace's coarsest step, so that a face gives the
// same anchors in a tile as in the whole photo.
constexpr int kTileAlignment = 32;

// The tiles along one side of `length` pixels: where each starts and ends, and where each
// one's share of face centres ends (the middle of its overlap with the next; the last one's
// is the end). Every tile is `tile` long except the last, which ends with the photo and may
// be up to kTileAlignment − 1 shorter.
struct Axis {
  std::vector<int> starts, ends;
  std::vector<float> share_ends;
};

Axis split_axis(int length, int tile, int overlap) {
  Axis axis;
  if (length <= tile) {
    axis.starts = {0};
    axis.ends = {length};
    axis.share_ends = {INFINITY};
    return axis;
  }
  const int step = std::max(kTileAlignment, (tile - overlap) / kTileAlignment * kTileAlignment);
  const int last = (length - tile + kTileAlignment - 1) / kTileAlignment * kTileAlignment;
  for (int start = 0;; start += step) {
    axis.starts.push_back(std::min(start, last));
    axis.ends.push_back(std::min(axis.starts.back() + tile, length));
    if (axis.starts.back() == last) break;
  }
  for (size_t i = 0; i + 1 < axis.starts.size(); ++i)
    axis.share_ends.push_back((axis.starts[i + 1] + axis.ends[i]) / 2.0f);
  axis.share_ends.push_back(INFINITY);
  return axis;
}

// How much the overview shrinks the photo, > 1 when it is tiled.
double overview_factor(int height, int width, int tile) {
  return double(std::max(height, width)) / tile;
}

int effective_overlap(const DetectionTiles& tiles, double factor) {
  return std::min(std::max(tiles.overlap, int(std::ceil(32.0 * factor))), tiles.tile / 2);
}

bool fits(int height, int width, const DetectionTiles& tiles) {
  return tiles.tile <= 0 || (height <= tiles.tile && width <= tiles.tile);
}

// Moves a face found in a tile at (dx, dy), or in the overview shrunk by 1/sx, 1/sy, into the
// photo's pixels (pixel centres map as (x + 0.5)·s − 0.5).
void to_photo(FaceDetection& face, float dx, float dy, float sx = 1.0f, float sy = 1.0f) {
  auto x = [&](float v) { return sx == 1.0f ? v + dx : (v + 0.5f) * sx - 0.5f + dx; };
  auto y = [&](float v) { return sy == 1.0f ? v + dy : (v + 0.5f) * sy - 0.5f + dy; };
  face.box = {x(face.box[0]), y(face.box[1]), x(face.box[2]), y(face.box[3])};
  for (auto& p : face.landmarks) p = {x(p[0]), y(p[1])};
}

// One axis of the crop around a face for refine(): [start, end) of at most `tile` pixels,
// starting at a multiple of kTileAlignment, holding [lo, hi] `margin` pixels from its edges
// inside the photo; false when the face is too big for that.
bool crop_axis(float lo, float hi, int length, int tile, int margin, int& start, int& end) {
  if (length <= tile) {
    start = 0, end = length;
    return true;
  }
  const float centre = (lo + hi) / 2;
  start = std::clamp(int(centre) - tile / 2, 0, length - tile) / kTileAlignment * kTileAlignment;
  end = std::min(start + tile, length);
  return (start == 0 || lo >= float(start + margin)) &&
         (end == length || hi <= float(end - 1 - margin));
}

// Whether `box` (photo pixels) is at least `margin` pixels from each edge of `part` that lies
// inside the photo (edges on the photo's border do not count). Nearer, the face is cut there
// or the detector saw too little around it.
bool well_inside(const std::array<float, 4>& box, const cv::Rect& part, const cv::Size& photo,
                 int margin) {
  return (part.x == 0 || box[0] >= float(part.x + margin)) &&
         (part.y == 0 || box[1] >= float(part.y + margin)) &&
         (part.br().x == photo.width || box[2] <= float(part.br().x - 1 - margin)) &&
         (part.br().y == photo.height || box[3] <= float(part.br().y - 1 - margin));
}

// The tile-sized crop around `face` (found in the overview) that holds it `margin` pixels
// from its edges inside the photo; empty when the face is too big for one.
cv::Rect crop_around(const FaceDetection& face, const cv::Mat& bgr, int tile, int margin) {
  int x0, x1, y0, y1;
  if (!crop_axis(face.box[0], face.box[2], bgr.cols, tile, margin, x0, x1) ||
      !crop_axis(face.box[1], face.box[3], bgr.rows, tile, margin, y0, y1))
    return {};
  return {x0, y0, x1 - x0, y1 - y0};
}

// The face of `found` (detected in `crop`, in its pixels) that is `face` again (the best IoU
// above `iou`) `margin` pixels from the crop's edges inside the photo, in the photo's pixels;
// `face` itself when there is none.
FaceDetection refined(const FaceDetection& face, const std::vector<FaceDetection>& found,
                      const cv::Rect& crop, const cv::Size& photo, int margin, float iou) {
  FaceDetection best = face;
  float best_iou = iou;
  for (FaceDetection f : found) {
    to_photo(f, float(crop.x), float(crop.y));
    const float overlap = box_iou(f.box, face.box);
    if (well_inside(f.box, crop, photo, margin) && overlap > best_iou) best = f, best_iou = overlap;
  }
  return best;
}

}  // namespace

int detection_run_count(int height, int width, const DetectionTiles& tiles) {
  if (fits(height, width, tiles)) return 1;
  const int overlap = effective_overlap(tiles, overview_factor(height, width, tiles.tile));
  return int(split_axis(height, tiles.tile, overlap).starts.size() *
             split_axis(width, tiles.tile, overlap).starts.size()) +
         1;
}

Result<std::vector<FaceDetection>> detect_tiled(FaceDetector& detector, const cv::Mat& bgr,
                                                const DetectionTiles& tiles,
                                                const DetectionCallback& on_run) {
  FR_CHECK(tiles.tile == 0 || tiles.tile >= 64, "detection tiles are at least 64 pixels");
  const Error cancelled{"cancelled", ErrorKind::cancelled};
  if (fits(bgr.rows, bgr.cols, tiles)) {
    if (on_run && !on_run(1, 1)) return cancelled;
    return detector.detect(bgr);
  }
  const double factor = overview_factor(bgr.rows, bgr.cols, tiles.tile);
  const int overlap = effective_overlap(tiles, factor);
  const int margin = overlap / 4;
  const Axis rows = split_axis(bgr.rows, tiles.tile, overlap);
  const Axis cols = split_axis(bgr.cols, tiles.tile, overlap);
  const int runs = int(rows.starts.size() * cols.starts.size()) + 1;
  int run = 0;

  std::vector<FaceDetection> found;
  for (size_t r = 0; r < rows.starts.size(); ++r)
    for (size_t c = 0; c < cols.starts.size(); ++c) {
      if (on_run && !on_run(++run, runs)) return cancelled;
      const int x0 = cols.starts[c], y0 = rows.starts[r];
      const int w = cols.ends[c] - x0, h = rows.ends[r] - y0;
      const cv::Rect part(x0, y0, w, h);
      auto faces = detector.detect(bgr(part));
      if (!faces) return faces.error();
      // The share of this tile: centres from the previous tile's share end to its own.
      const float left = c == 0 ? -INFINITY : cols.share_ends[c - 1];
      const float top = r == 0 ? -INFINITY : rows.share_ends[r - 1];
      for (FaceDetection face : *faces) {
        to_photo(face, float(x0), float(y0));
        // Too near an inner edge: a neighbour has it well inside (or, too big, the overview).
        if (!well_inside(face.box, part, bgr.size(), margin)) continue;
        const auto& b = face.box;
        const float cx = (b[0] + b[2]) / 2, cy = (b[1] + b[3]) / 2;
        if (cx >= left && cx < cols.share_ends[c] && cy >= top && cy < rows.share_ends[r])
          found.push_back(face);
      }
    }

  if (on_run && !on_run(++run, runs)) return cancelled;
  const cv::Size small(std::max(1, int(std::lround(bgr.cols / factor))),
                       std::max(1, int(std::lround(bgr.rows / factor))));
  cv::Mat overview;
  cv::resize(bgr, overview, small, 0, 0, cv::INTER_AREA);
  auto large = detector.detect(overview);
  if (!large) return large.error();
  const size_t from_tiles = found.size();
  for (FaceDetection face : *large) {
    to_photo(face, 0, 0, float(bgr.cols) / float(small.width),
             float(bgr.rows) / float(small.height));
    const float side = std::max(face.box[2] - face.box[0], face.box[3] - face.box[1]);
    if (side <= overlap / 2.0f) continue;  // the tiles' (up to overlap − 2·margin)
    auto known = [&](const FaceDetection& f) {
      return std::any_of(found.begin(), found.begin() + from_tiles, [&](const FaceDetection& t) {
        return box_iou(t.box, f.box) > tiles.nms_iou;
      });
    };
    if (known(face)) continue;
    const cv::Rect crop = crop_around(face, bgr, tiles.tile, margin);
    if (!crop.empty()) {
      if (on_run && !on_run(runs, runs)) return cancelled;
      auto again = detector.detect(bgr(crop));
      if (!again) return again.error();
      face = refined(face, *again, crop, bgr.size(), margin, tiles.nms_iou);
      if (known(face)) continue;
    }
    found.push_back(face);
  }
  std::stable_sort(found.begin(), found.end(), [](const FaceDetection& a, const FaceDetection& b) {
    return a.score > b.score;
  });
  return found;
}

}  // namespace fr
