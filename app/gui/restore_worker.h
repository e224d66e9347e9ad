// The restoration worker of the desktop application: a QObject that lives on its own
// QThread and drives the same pipeline as facerestore-cli. The GUI talks to it only through
// queued signals and slots carrying value types; cancel() is the one call made directly from
// another thread.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

#include "app/gui/app_settings.h"
#include "core/image_io.h"
#include "core/pipeline/pipeline.h"

namespace fr::gui {

// One restored image, handed to the GUI thread by value (the images are shared, not copied,
// and not modified after hand-over).
struct RestoredImage {
  QString path;
  cv::Mat original;         // 8-bit BGR as read
  fr::Restoration result;   // background, faces and the final image; warnings
  fr::SourceFormat format;  // what the file had besides 8-bit colour (alpha, 16 bits, gray)
};

class RestoreWorker : public QObject {
  Q_OBJECT

 public:
  explicit RestoreWorker(QObject* parent = nullptr);
  ~RestoreWorker() override;

  // Thread-safe: the running batch stops between faces, tiles or images (well within a second
  // on the CPU for the face and tile sizes in use) and finished(true) follows.
  void cancel();

 public slots:
  // Restores `paths` one by one with `settings`. The models are loaded on the first run and
  // again only when the device, a model or the noise setting changed.
  void restore(const fr::gui::AppSettings& settings, const QStringList& paths);

 signals:
  // The model named by a setting is not on this computer (catalog id, or the path as given).
  void modelMissing(const QString& model, const QString& message);
  // The models were (re)loaded onto `device`, the resolved device as "cpu" or "vulkan:N";
  // not emitted when the loaded ones are reused.
  void modelsLoaded(const QString& device);
  // Loading the models or the device failed: nothing of the batch ran.
  void setupFailed(const QString& message);
  // Image `index` of `count` (from 1) is at `stage` ("detect", "restore", …), step `step` of
  // `steps` within that stage (faces or tiles).
  void progress(int index, int count, const QString& stage, int step, int steps);
  void imageRestored(const fr::gui::RestoredImage& image);
  void imageFailed(const QString& path, const QString& message);
  // The batch ended: every image was handled, or it was cancelled.
  void finished(bool cancelled);

 private:
  // Loads the pipeline for `settings` unless the loaded one already fits; false (with a
  // signal emitted) on failure.
  bool prepare(const AppSettings& settings);

  std::atomic<bool> cancel_{false};
  std::unique_ptr<fr::Pipeline> pipeline_;
  AppSettings loaded_;  // the settings pipeline_ was loaded with
};

// Registers the value types above for queued connections; call once before connecting.
void registerWorkerTypes();

}  // namespace fr::gui

Q_DECLARE_METATYPE(fr::gui::RestoredImage)
