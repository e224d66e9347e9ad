// The one way the front ends (facerestore-cli, the GUI's worker, facerestore-bench) restore
// photos: a SessionRequest says what to load and how to run; Session::open chooses the device
// (choose_device, the only device resolution) and loads the networks onto it once; run()
// restores a list of files in order, reading the next one while the networks work, and says
// what happens through SessionEvents; a cancel flag stops it within one op.
//
// Threading: a Session is used by one thread at a time (the caller's), and every event runs
// on that thread. The cancel flag may be set from any thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "app/restore/image_io.h"
#include "app/restore/pipeline.h"
#include "app/restore/pipeline_models.h"
#include "core/device.h"
#include "core/error.h"

namespace fr {

struct SessionRequest {
  // --- What is loaded: a session serves every request whose model part equals its own. ---
  std::string device = "auto";  // a DeviceChoice text (core/device.h); empty: "auto"
  // When the device is a saved GPU that is gone: an error (the user named it just now), or
  // the automatic choice with a warning (a setting saved earlier).
  AbsentDevice absent_device = AbsentDevice::error;
  BackendOptions backend;     // CPU threads, fp16 storage on a GPU
  FaceNetworkOptions face;    // how the face network runs (GFPGAN's noise: stored or seeded)
  PipelineModelFiles models;  // the files (or weights in memory); no face model: upscale only
  // After a device failure the networks may be loaded again on the device or the CPU
  // (PipelineModels::reload), which keeps the model files' weights in memory where they were
  // given in memory. False: no moving, and in-memory weights are dropped once loaded.
  bool recovery = true;

  // --- How each photo is restored. ---
  PipelineOptions pipeline;
  ReadLimits limits;     // which photos are refused as too large, and where to raise it
  bool aligned = false;  // the inputs are aligned faces: restore only (Pipeline::restore_aligned)

  // True when `other` needs the very networks of this request on the same device.
  bool same_models(const SessionRequest& other) const;
};

// One photo restored by Session::run.
struct SessionPhoto {
  std::filesystem::path path;
  size_t index = 0, count = 0;  // its place in the batch, from 1
  LoadedImage source;           // as read: 8-bit BGR upright, and how the file stored it
  Restoration restoration;      // the whole photo (not for aligned inputs)
  cv::Mat aligned_face;         // aligned inputs: the restored face
};

// What Session::run says, in the batch's order. Every member may be empty.
struct SessionEvents {
  // Why `path` is left out (not an image, its result exists…), or nothing to restore it.
  // Asked once per input with ahead = false just before it is handled, in order; the
  // read-ahead may ask earlier with ahead = true.
  std::function<std::optional<std::string>(const std::filesystem::path& path, bool ahead)> skip;
  std::function<void(const std::filesystem::path& path, const std::string& why)> on_skipped;
  // Input `index` of `count` (from 1) is started: it is read next.
  std::function<void(const std::filesystem::path& path, size_t index, size_t count)> on_begin;
  // A step of input `index`'s work (the pipeline's stages, faces and tiles).
  std::function<void(size_t index, size_t count, const ProgressEvent& event)> on_progress;
  std::function<void(SessionPhoto&& photo)> on_done;
  // Input `index` (from 1) could not be read or restored; the error's message names the file.
  // The batch goes on.
  std::function<void(const std::filesystem::path& path, size_t index, const Error& error)>
      on_failed;
};

struct SessionSummary {
  int done = 0, skipped = 0, failed = 0;
  bool cancelled = false;
};

class Session {
 public:
  // Chooses the device and loads every network of `request` onto it (pipelines built and
  // weights uploaded here, never later). While *cancel is true (may be null; it must outlive
  // the session) loading and runs stop within one op.
  static Result<std::unique_ptr<Session>> open(const SessionRequest& request,
                                               const std::atomic<bool>* cancel = nullptr);

  const SessionRequest& request() const { return request_; }
  // The device chosen at open(), with the reason, and a warning when it is not the one asked
  // for (a saved GPU that is gone).
  const ResolvedDevice& device() const { return device_; }
  // What the networks run on now, for messages ("cpu", "vulkan:0 (…)"): after a device failure
  // it may be another than device().
  const std::string& running_on() const { return pipeline_->device(); }
  bool restores_faces() const { return pipeline_->restores_faces(); }

  // Takes `request`'s photo part (pipeline options, limits, aligned); its model part must be
  // this session's (same_models: a programmer error otherwise).
  void update(const SessionRequest& request);

  // Restores the inputs one after the other, reading the next one while the networks work on
  // this one. Stops between photos (and within one op) when the cancel flag is set.
  SessionSummary run(const std::vector<std::filesystem::path>& inputs, const SessionEvents& events);

  // One photo already in memory (8-bit BGR), as run() restores each file.
  Result<Restoration> restore(const cv::Mat& bgr, const RunControl& control = {});

  // The loaded networks, for benchmarks (memory counters).
  const PipelineModels& models() const { return pipeline_->models(); }

 private:
  Session(SessionRequest request, ResolvedDevice device, std::unique_ptr<Pipeline> pipeline,
          const std::atomic<bool>* cancel);
  bool cancelled() const { return cancel_ && cancel_->load(); }

  SessionRequest request_;
  ResolvedDevice device_;
  std::unique_ptr<Pipeline> pipeline_;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace fr
