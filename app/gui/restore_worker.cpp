#include "app/gui/restore_worker.h"

#include <filesystem>
#include <future>

#include "app/gui/image_inputs.h"
#include "core/device.h"
#include "core/image_io.h"
#include "models/pipeline_models.h"

namespace fr::gui {
namespace {

namespace fs = std::filesystem;

// True when the loaded networks and device fit `b` as well as `a`.
bool same_models(const AppSettings& a, const AppSettings& b) {
  return a.device == b.device && a.halfPrecision == b.halfPrecision && a.faceModel == b.faceModel &&
         a.detector == b.detector && a.backgroundModel == b.backgroundModel &&
         a.randomNoise == b.randomNoise;
}

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

bool RestoreWorker::prepare(const AppSettings& settings) {
  if (pipeline_ && same_models(settings, loaded_)) {
    pipeline_->set_options(pipeline_options(settings));
    return true;
  }
  pipeline_.reset();
  const auto folders = model_search_folders({});
  PipelineModelFiles files;
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
  if (!locate(settings.faceModel, "face", files.face) ||
      !locate(settings.detector, "detector", files.detector))
    return false;
  if (!settings.backgroundModel.isEmpty() &&
      !locate(settings.backgroundModel, "background", files.background))
    return false;

  auto fail = [&](const Error& e) {
    if (!cancel_) emit setupFailed(QString::fromStdString(e.message));  // else: cancelled
    return false;
  };
  auto choice = parse_device_choice(settings.device.toStdString());
  if (!choice) return fail(choice.error());
  const bool cpu = choice->mode == DeviceChoice::Mode::cpu;
  auto device = resolve_device(*choice, cpu ? DeviceList{} : list_devices());
  if (!device) return fail(device.error());
  PipelineLoadOptions load;
  load.device = *device;
  load.cancel = &cancel_;
  load.backend.vulkan_fp16_storage = settings.halfPrecision;
  load.noise.noise =
      settings.randomNoise ? GfpganOptions::Noise::random : GfpganOptions::Noise::stored;
  auto models = load_pipeline_models(files, load);
  if (!models) return fail(models.error());
  pipeline_ = std::make_unique<Pipeline>(std::move(*models), pipeline_options(settings));
  loaded_ = settings;
  emit modelsLoaded(QString::fromStdString(device->str()));
  return true;
}

void RestoreWorker::restore(const AppSettings& settings, const QStringList& paths) {
  cancel_ = false;
  try {
    if (!prepare(settings)) {
      emit finished(false);
      return;
    }
    const int count = int(paths.size());
    ReadLimits limits;
    limits.max_pixels = int64_t(settings.maxMegapixels) * 1'000'000;
    limits.raise_with = tr("Settings, Processing, Largest photo").toStdString();
    // Photo i + 1 is read and decoded while the networks work on i.
    std::future<Result<LoadedImage>> next;
    if (count > 0) next = read_image_ahead(toPath(paths[0]), limits);
    for (int i = 0; i < count && !cancel_; ++i) {
      RunControl control;
      control.cancel = &cancel_;
      control.on_progress = [&](const ProgressEvent& e) {
        emit progress(i + 1, count, QString::fromLatin1(stage_name(e.stage)), e.index, e.count);
      };
      control.on_progress({Stage::read});
      auto image = next.get();
      if (i + 1 < count) next = read_image_ahead(toPath(paths[i + 1]), limits);
      if (!image) {
        emit imageFailed(paths[i], QString::fromStdString(image.error().message));
        continue;
      }
      auto result = pipeline_->process(image->bgr, control);
      if (cancel_) break;
      if (!result) {
        emit imageFailed(paths[i], QString::fromStdString(result.error().message));
        continue;
      }
      emit imageRestored(RestoredImage{paths[i], std::move(image->bgr), std::move(*result),
                                       std::move(image->format)});
    }
  } catch (const std::exception& e) {
    // A bug (FR_CHECK) or a library exception must not take the application down.
    emit setupFailed(tr("Internal error: %1").arg(QString::fromUtf8(e.what())));
  }
  emit finished(cancel_.load());
}

}  // namespace fr::gui
