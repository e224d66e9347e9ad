// The restoration pipeline (../shared/spec/pipeline.md): detect → align → restore each face →
// upscale the background → paste the faces back. The CLI and the GUI drive this same API.
//
// The networks come in through the interfaces below (implemented in models/), so this code
// only orchestrates: alignment, tiling, blending and files are host work with OpenCV.
//
// Threading: a Pipeline and its models are used by one thread at a time (the caller's);
// progress callbacks run on that thread. The cancel flag may be set from any thread.
#pragma once

#include <array>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/error.h"
#include "core/pipeline/face_align.h"
#include "core/pipeline/tiled_upscale.h"

namespace fr {

struct DetectedFace {
  std::array<float, 4> box{};  // x1, y1, x2, y2 in image pixels
  float score = 0.0f;
  FaceLandmarks landmarks{};
};

// Finds faces in an 8-bit BGR image at its own size, best first.
class FaceDetector {
 public:
  virtual ~FaceDetector() = default;
  virtual std::string describe() const = 0;
  virtual Result<std::vector<DetectedFace>> detect(const cv::Mat& bgr) = 0;
};

// Restores an aligned kAlignedFaceSize² 8-bit BGR face; returns the same size and type.
class FaceRestorer {
 public:
  virtual ~FaceRestorer() = default;
  virtual std::string describe() const = 0;
  virtual Result<cv::Mat> restore(const cv::Mat& aligned_bgr) = 0;
};

// The networks of one pipeline. Each model keeps what it runs on alive itself.
struct PipelineModels {
  std::unique_ptr<FaceDetector> detector;     // needed by process() when restorer is set
  std::unique_ptr<FaceRestorer> restorer;     // null: background only
  std::unique_ptr<ImageUpscaler> background;  // null: Lanczos resize
};

struct PipelineOptions {
  double upscale = 2.0;           // final scale of the photo, ≥ 1
  TileOptions tiles;              // for the background model
  bool only_center_face = false;  // keep the face nearest the image centre
  float min_eye_distance = 5.0f;  // pixels; smaller detections are dropped
};

enum class Stage { read, detect, align, restore, background, paste, write };
const char* stage_name(Stage stage);  // "read", "detect", …

// A step of the work on one image: `index` of `count` (from 1) for faces and tiles, 1 of 1
// for the single-step stages.
struct ProgressEvent {
  Stage stage = Stage::read;
  int index = 1;
  int count = 1;
};

struct RunControl {
  std::function<void(const ProgressEvent&)> on_progress;  // may be empty
  const std::atomic<bool>* cancel = nullptr;              // checked between faces and tiles
  bool cancelled() const { return cancel && cancel->load(); }
};

struct RestoredFace {
  DetectedFace detection;
  cv::Mat alignment;  // 2×3 CV_64F, image → aligned crop
  cv::Mat crop;       // aligned kAlignedFaceSize² 8-bit BGR
  cv::Mat restored;   // the network's face, same size
};

struct Restoration {
  double upscale = 1.0;
  cv::Mat background;               // upscaled photo without the faces, 8-bit BGR
  std::vector<RestoredFace> faces;  // in detection order
  cv::Mat image;                    // the final photo, 8-bit BGR
};

// Pastes `faces` (all, or those whose `include` entry is true) onto `background` in order,
// with the spec's soft mask, and truncates to 8 bits. For re-compositing without re-running
// the networks.
cv::Mat composite(const cv::Mat& background, const std::vector<RestoredFace>& faces, double upscale,
                  const std::vector<bool>& include = {});

class Pipeline {
 public:
  Pipeline(PipelineModels models, PipelineOptions options);

  const PipelineOptions& options() const { return options_; }
  void set_options(const PipelineOptions& options) { options_ = options; }
  bool restores_faces() const { return models_.restorer != nullptr; }

  // The whole photo (8-bit BGR). A photo without faces is still upscaled. A restorer
  // without a detector is a programmer error (FR_CHECK). A cancelled run
  // returns an error saying "cancelled".
  Result<Restoration> process(const cv::Mat& bgr, const RunControl& control = {});

  // An already aligned face (resized to kAlignedFaceSize² bilinearly if it is another size):
  // restore only, no detection, no paste.
  Result<cv::Mat> restore_aligned(const cv::Mat& bgr, const RunControl& control = {});

 private:
  Result<std::vector<DetectedFace>> find_faces(const cv::Mat& bgr);
  Result<cv::Mat> upscale_background(const cv::Mat& bgr, const RunControl& control);

  PipelineModels models_;
  PipelineOptions options_;
};

}  // namespace fr
