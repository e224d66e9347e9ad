// The restoration pipeline, GFPGAN's inference steps: detect → align each face to the FFHQ
// template → restore it → upscale the background → paste the faces back through a soft mask.
// The CLI and the GUI drive this same API.
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

#include "app/restore/face_align.h"
#include "app/restore/tiled_detection.h"
#include "app/restore/tiled_upscale.h"
#include "core/error.h"

namespace fr {

// Restores an aligned kAlignedFaceSize² 8-bit BGR face; returns the same size and type.
class FaceRestorer {
 public:
  virtual ~FaceRestorer() = default;
  virtual std::string describe() const = 0;
  virtual Result<cv::Mat> restore(const cv::Mat& aligned_bgr) = 0;
};

// Where the networks move after a device failure.
enum class Recovery {
  same_device,  // a new backend on the same GPU (after the device was lost)
  cpu,          // the CPU backend
};

// The networks of one pipeline, and the backends they run on.
struct PipelineModels {
  // Kept alive for the networks below, which may refer to them (declared first: destroyed
  // after them).
  std::vector<std::shared_ptr<Backend>> backends;
  std::unique_ptr<FaceDetector> detector;  // needed by process() when restorer is set
  std::unique_ptr<FaceRestorer> restorer;  // null: background only
  std::unique_ptr<Upscaler> background;    // null: Lanczos resize

  // What the networks run on ("cpu", "vulkan:0 (…)"), for messages.
  std::string device = "cpu";
  bool on_cpu = true;
  // Returns the backends' cached memory to the system (Backend::release_cached_memory);
  // may be empty.
  std::function<void()> release_memory;
  // For benchmarks: the most tensor memory the backends held since the last reset
  // (Backend::peak_memory_bytes, summed over them: an upper bound where there are two), and
  // the reset; may be empty.
  std::function<int64_t()> peak_memory;
  std::function<void()> reset_peak_memory;
  // The same networks loaded anew onto `target`; empty when they cannot be moved.
  std::function<Result<PipelineModels>(Recovery target)> reload;
};

struct PipelineOptions {
  double upscale = 2.0;           // final scale of the photo, ≥ 1
  TileOptions tiles;              // for the background model
  DetectionTiles detection;       // for the detector: large photos are detected in tiles
  bool only_center_face = false;  // keep the face nearest the image centre
  float min_eye_distance = 5.0f;  // pixels; smaller detections are dropped
  // After out-of-memory the background tile is halved down to this side (input pixels)
  // before the networks move to the CPU; the smallest automatic tile.
  int min_tile = 32;
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
  FaceDetection detection;
  cv::Mat alignment;  // 2×3 CV_64F, image → aligned crop
  cv::Mat crop;       // aligned kAlignedFaceSize² 8-bit BGR
  cv::Mat restored;   // the network's face, same size
};

struct Restoration {
  double upscale = 1.0;
  cv::Mat background;               // upscaled photo without the faces, 8-bit BGR
  std::vector<RestoredFace> faces;  // in detection order
  cv::Mat image;                    // the final photo, 8-bit BGR
  // What went wrong on the way and was worked around, one sentence each: smaller tiles
  // after out-of-memory, a recreated device, the move to the CPU, a face left unrestored
  // because its network produced NaN or infinite values.
  std::vector<std::string> warnings;
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
  void set_options(const PipelineOptions& options) {
    options_ = options;
    tile_ = -1;
  }
  bool restores_faces() const { return models_.restorer != nullptr; }

  // The whole photo (8-bit BGR). A photo without faces is still upscaled. A restorer
  // without a detector is a programmer error (FR_CHECK). A cancelled run
  // returns an error saying "cancelled".
  //
  // With TileOptions::tile kAutoTile the background tile side is chosen before the first
  // tile (Upscaler::measure_tile_memory, auto_tile_side) and kept.
  //
  // Device failures are recovered from where the models allow it (PipelineModels::reload):
  // out of memory in the background frees cached memory and halves the tile (the smaller
  // tile is kept for later images) down to options().min_tile; out of memory anywhere else,
  // or at the smallest tile, moves the networks to the CPU; a lost device is recreated once,
  // and a second loss moves to the CPU. The image is then run again from the start, and
  // every step taken is in Restoration::warnings. The networks stay where they were moved.
  // A face whose network output is not finite is left out (the photo keeps it as it was).
  Result<Restoration> process(const cv::Mat& bgr, const RunControl& control = {});

  // What the networks run on now (PipelineModels::device).
  const std::string& device() const { return models_.device; }
  // The networks as they are now (moved after a device failure), for their memory counters.
  const PipelineModels& models() const { return models_; }

  // An already aligned face (resized to kAlignedFaceSize² bilinearly if it is another size):
  // restore only, no detection, no paste.
  Result<cv::Mat> restore_aligned(const cv::Mat& bgr, const RunControl& control = {});

 private:
  Result<std::vector<FaceDetection>> find_faces(const cv::Mat& bgr, const RunControl& control);
  Result<cv::Mat> upscale_background(const cv::Mat& bgr, const RunControl& control,
                                     std::vector<std::string>& warnings);
  Result<Restoration> process_once(const cv::Mat& bgr, const RunControl& control,
                                   std::vector<std::string>& warnings);
  // Moves the networks after `failure` if that is a device failure they can recover from;
  // false when the failure stands.
  bool recover(const Error& failure, std::vector<std::string>& warnings);

  PipelineModels models_;
  PipelineOptions options_;
  // The background tile after halvings, or the automatic one once chosen (kept for later
  // images on the same device); −1: options_.tiles.tile.
  int tile_ = -1;
  bool recreated_ = false;  // the device has been recreated once after a loss
};

}  // namespace fr
