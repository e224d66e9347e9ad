#include "app/gui/restore_worker.h"

#include <filesystem>

#include "app/gui/image_inputs.h"
#include "app/restore/image_io.h"
#include "app/restore/pipeline_models.h"
#include "core/device.h"

namespace fr::gui {
namespace {

namespace fs = std::filesystem;

PipelineOptions pipeline_options(const AppSettings& s) {
  PipelineOptions p;
  p.upscale = s.upscale;
  p.tiles.tile = s.tileSize > 0 ? s.tileSize : fr::kAutoTile;
  p.tiles.pad = s.tilePad;
  p.only_center_face = s.onlyCenterFace;
  return p;
}

}  // namespace

void registerWorkerTypes() {
  qRegisterMetaType<fr::gui::AppSettings>();
  qRegisterMetaType<fr::gui::RestoredImage>();
}

RestoreWorker::RestoreWorker(QObject* parent) : QObject(parent) {}
RestoreWorker::~RestoreWorker() = default;

void RestoreWorker::cancel() {
  cancel_ = true;
}

void RestoreWorker::prepareForBatch() {
  cancel_ = false;
}

fr::ReadLimits RestoreWorker::photoLimits(int maxMegapixels) {
  fr::ReadLimits limits;
  limits.max_pixels = int64_t(maxMegapixels) * 1'000'000;
  limits.raise_with = tr("Settings, Processing, Largest photo").toStdString();
  return limits;
}

bool RestoreWorker::prepare(const AppSettings& settings) {
  const auto folders = model_search_folders({});
  SessionRequest request;
  // A model setting: a catalog id or a path; an empty background model means none.
  auto locate = [&](const QString& setting, const char* role, fs::path& out) {
    auto ref = resolve_model_reference(setting.toStdString(), role, folders);
    if (!ref) {
      emit setupFailed(QString::fromStdString(ref.error().message));
      return false;
    }
    if (ref->path.empty()) {
      emit modelMissing(
          setting,
          tr("%1 is not on this computer yet.").arg(QString::fromStdString(ref->model->name)));
      return false;
    }
    out = ref->path;
    return true;
  };
  if (!locate(settings.faceModel, "face", request.models.face) ||
      !locate(settings.detector, "detector", request.models.detector))
    return false;
  if (!settings.backgroundModel.isEmpty() &&
      !locate(settings.backgroundModel, "background", request.models.background))
    return false;
  // A saved GPU that is gone falls back to the automatic choice, said in modelsLoaded.
  request.device = settings.device.toStdString();
  request.absent_device = AbsentDevice::automatic;
  request.backend.vulkan_fp16_storage = settings.halfPrecision;
  request.face.noise =
      settings.randomNoise ? FaceNetworkOptions::Noise::random : FaceNetworkOptions::Noise::stored;
  request.pipeline = pipeline_options(settings);
  request.limits = photoLimits(settings.maxMegapixels);

  if (session_ && session_->request().same_models(request)) {
    session_->update(request);
    return true;
  }
  session_.reset();
  auto session = Session::open(request, &cancel_);
  if (!session) {
    if (!cancel_) emit setupFailed(QString::fromStdString(session.error().message));
    return false;  // else: cancelled
  }
  session_ = std::move(*session);
  emit modelsLoaded(QString::fromStdString(session_->device().setting()),
                    QString::fromStdString(session_->device().warning));
  return true;
}

void RestoreWorker::restore(const AppSettings& settings, const QStringList& paths) {
  try {
    if (cancel_ || !prepare(settings)) {
      emit finished(cancel_.load());
      return;
    }
    std::vector<fs::path> inputs;
    for (const QString& path : paths) inputs.push_back(toPath(path));
    SessionEvents events;
    events.on_progress = [&](size_t index, size_t count, const ProgressEvent& e) {
      emit progress(int(index), int(count), QString::fromLatin1(stage_name(e.stage)), e.index,
                    e.count);
    };
    events.on_failed = [&](const fs::path&, size_t index, const Error& error) {
      emit imageFailed(paths[int(index - 1)], QString::fromStdString(error.message));
    };
    events.on_done = [&](SessionPhoto&& photo) {
      emit imageRestored(RestoredImage{paths[int(photo.index - 1)], std::move(photo.source.bgr),
                                       std::move(photo.restoration),
                                       std::move(photo.source.format)});
    };
    session_->run(inputs, events);
  } catch (const std::exception& e) {
    // A bug (FR_CHECK) or a library exception must not take the application down.
    emit setupFailed(tr("Internal error: %1").arg(QString::fromUtf8(e.what())));
  }
  emit finished(cancel_.load());
}

}  // namespace fr::gui
