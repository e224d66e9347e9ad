#include "app/restore/session.h"

#include <future>
#include <utility>

#include "core/logging.h"
#include "core/path_text.h"

namespace fr {
namespace {

namespace fs = std::filesystem;

bool same_files(const PipelineModelFiles& a, const PipelineModelFiles& b) {
  return a.face == b.face && a.detector == b.detector && a.background == b.background &&
         a.face_weights == b.face_weights && a.detector_weights == b.detector_weights &&
         a.background_weights == b.background_weights;
}

// The device text as the user gave it, "auto" when empty.
std::string device_text(const SessionRequest& r) {
  return r.device.empty() ? std::string("auto") : r.device;
}

}  // namespace

bool SessionRequest::same_models(const SessionRequest& other) const {
  return device_text(*this) == device_text(other) && absent_device == other.absent_device &&
         backend.cpu_threads == other.backend.cpu_threads &&
         backend.vulkan_fp16_storage == other.backend.vulkan_fp16_storage &&
         face.noise == other.face.noise && face.seed == other.face.seed &&
         same_files(models, other.models) && recovery == other.recovery;
}

Result<std::unique_ptr<Session>> Session::open(const SessionRequest& request,
                                               const std::atomic<bool>* cancel) {
  auto device = choose_device(device_text(request), nullptr, request.absent_device);
  if (!device) return device.error();
  if (!device->warning.empty()) log()->warn("{}", device->warning);
  PipelineLoadOptions load;
  load.device = *device;
  load.backend = request.backend;
  load.face = request.face;
  load.cancel = cancel;
  auto models = load_pipeline_models(request.models, load);
  if (!models) return models.error();
  SessionRequest kept = request;
  if (!request.recovery) {
    // Its copy of the files would keep weights given in memory alive.
    models->reload = nullptr;
    kept.models.face_weights.reset();
    kept.models.detector_weights.reset();
    kept.models.background_weights.reset();
  }
  log()->info("device: {} ({})", device->str(), device->reason);
  auto pipeline = std::make_unique<Pipeline>(std::move(*models), request.pipeline);
  return std::unique_ptr<Session>(
      new Session(std::move(kept), std::move(*device), std::move(pipeline), cancel));
}

Session::Session(SessionRequest request, ResolvedDevice device, std::unique_ptr<Pipeline> pipeline,
                 const std::atomic<bool>* cancel)
    : request_(std::move(request)),
      device_(std::move(device)),
      pipeline_(std::move(pipeline)),
      cancel_(cancel) {}

void Session::update(const SessionRequest& request) {
  FR_CHECK(!request_.recovery || request_.same_models(request),
           "Session::update with other models: open a new session");
  request_.pipeline = request.pipeline;
  request_.limits = request.limits;
  request_.aligned = request.aligned;
  pipeline_->set_options(request.pipeline);
}

Result<Restoration> Session::restore(const cv::Mat& bgr, const RunControl& control) {
  return pipeline_->process(bgr, control);
}

SessionSummary Session::run(const std::vector<fs::path>& inputs, const SessionEvents& events) {
  SessionSummary summary;
  const size_t count = inputs.size();
  auto skipped = [&](size_t i, bool ahead) -> std::optional<std::string> {
    if (!events.skip) return std::nullopt;
    return events.skip(inputs[i], ahead);
  };
  // The next input to restore after `i`, being read.
  std::optional<std::pair<size_t, std::future<Result<LoadedImage>>>> next;
  for (size_t i = 0; i < count && !cancelled(); ++i) {
    const fs::path& path = inputs[i];
    if (auto why = skipped(i, false)) {
      if (events.on_skipped) events.on_skipped(path, *why);
      ++summary.skipped;
      continue;
    }
    if (events.on_begin) events.on_begin(path, i + 1, count);
    auto reading = next && next->first == i ? std::move(next->second)
                                            : read_image_ahead(path, request_.limits);
    next.reset();
    for (size_t j = i + 1; j < count; ++j)
      if (!skipped(j, true)) {
        next.emplace(j, read_image_ahead(inputs[j], request_.limits));
        break;
      }

    RunControl control;
    control.cancel = cancel_;
    control.on_progress = [&](const ProgressEvent& e) {
      if (events.on_progress) events.on_progress(i + 1, count, e);
    };
    control.on_progress({Stage::read});
    auto image = reading.get();
    if (!image) {
      if (events.on_failed) events.on_failed(path, i + 1, image.error());
      ++summary.failed;
      continue;
    }
    SessionPhoto photo;
    photo.path = path;
    photo.index = i + 1;
    photo.count = count;
    Status status;
    if (request_.aligned) {
      auto face = pipeline_->restore_aligned(image->bgr, control);
      if (face)
        photo.aligned_face = std::move(*face);
      else
        status = face.error();
    } else {
      auto restored = pipeline_->process(image->bgr, control);
      if (restored)
        photo.restoration = std::move(*restored);
      else
        status = restored.error();
    }
    if (cancelled()) break;
    if (!status) {
      if (events.on_failed)
        events.on_failed(
            path, i + 1,
            Error{path_text(path) + ": " + status.error().message, status.error().kind});
      ++summary.failed;
      continue;
    }
    photo.source = std::move(*image);
    if (events.on_done) events.on_done(std::move(photo));
    ++summary.done;
  }
  summary.cancelled = cancelled();
  return summary;
}

}  // namespace fr
