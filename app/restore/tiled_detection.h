// Finding faces in a photo of any size with a detector that is never given more than one
// tile of it: device memory is bounded by the tile, not by the photo. A photo within the
// tile is detected whole, as the reference pipeline does; a larger one in overlapping
// tiles at full resolution (the small faces) and once shrunk to the tile (the faces too big
// for a tile's overlap).
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "app/restore/face_align.h"
#include "core/error.h"
#include "models/face_detection.h"

namespace fr {

// Finds faces in an 8-bit BGR image (possibly a view into a larger one) at its own size,
// best first. Implemented in models/ (RetinaFace); used from the pipeline's thread only.
class FaceDetector {
 public:
  virtual ~FaceDetector() = default;
  virtual std::string describe() const = 0;
  virtual Result<std::vector<FaceDetection>> detect(const cv::Mat& bgr) = 0;
};

struct DetectionTiles {
  // The largest side the detector is given, in pixels (0, or at least 64); 0: always the
  // whole photo. Photos up to this on both sides are detected whole.
  int tile = 4096;
  // Neighbouring tiles share at least this many pixels (raised to 32 × the shrink factor of
  // the overview, so that every face too big for the tiles is big enough in the overview;
  // at most tile / 2).
  int overlap = 512;
  float nms_iou = 0.4f;  // a face found twice (tile and overview) overlaps itself by more
};

// Called before each detector run with (run index from 1, run count); false cancels. The
// crops around faces of the overview come after it and repeat its index (their number is
// known only then).
using DetectionCallback = std::function<bool(int index, int count)>;

// The faces of `bgr`, best first, in its pixels. In tiles (starting at multiples of 32, so
// the detector's anchors fall as in the whole photo; a face then comes out as whole-photo
// detection gives it, exactly where both sizes halve evenly down RetinaFace's levels, else
// within a small fraction of a pixel, its nearest upsampling mapping cells slightly
// differently): each tile keeps the faces whose box
// centre is in its own part of the photo (the overlaps split down the middle) and whose box
// is at least overlap / 4 from its edges inside the photo (nearer, the detector sees too
// little around the face and its landmarks move), so a face up to overlap / 2 pixels is found
// in exactly one tile; the overview (the photo shrunk with area averaging to fit one tile)
// adds the faces larger than overlap / 2 that no tile found (IoU ≤ nms_iou with all of them),
// each detected again at full resolution in a tile-sized crop around it where it fits one.
Result<std::vector<FaceDetection>> detect_tiled(FaceDetector& detector, const cv::Mat& bgr,
                                                const DetectionTiles& tiles,
                                                const DetectionCallback& on_run = {});

// The tiles and overview detect_tiled runs for an image of this size (1 when it fits), not
// counting the crops around the overview's faces.
int detection_run_count(int height, int width, const DetectionTiles& tiles);

}  // namespace fr
