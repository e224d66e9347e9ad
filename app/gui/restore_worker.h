// The restoration worker of the desktop application: a QObject on a WorkerThread of its own
// (worker_thread.h) that drives the same session as facerestore-cli. The GUI talks to it only
// through queued signals and slots carrying value types; cancel(), prepareForBatch() and
// photoLimits() are the calls made directly from another thread.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>

#include "app/gui/app_settings.h"
#include "app/restore/image_io.h"
#include "app/restore/pipeline.h"
#include "app/restore/session.h"

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

  // Thread-safe, called from the window's thread. A batch asked for by restore() stops within
  // one op of the networks (or before it starts, when cancel() comes first) and
  // finished(true) follows.
  void cancel();
  // Thread-safe, called from the window's thread just before it queues restore(): a new batch
  // is coming, so an earlier cancel() no longer applies. A cancel() after this call applies to
  // that batch even while it still waits in the queue.
  void prepareForBatch();

  // The settings' photo size limit (maxMegapixels, 0: none) as the reader takes it, its
  // message naming the setting. Thread-safe.
  static fr::ReadLimits photoLimits(int maxMegapixels);

 public slots:
  // Restores `paths` one by one with `settings`. The models are loaded on the first run and
  // again only when the device, a model or the noise setting changed (same_models).
  void restore(const fr::gui::AppSettings& settings, const QStringList& paths);

 signals:
  // The model named by a setting is not on this computer (catalog id, or the path as given).
  void modelMissing(const QString& model, const QString& message);
  // The models were (re)loaded onto `device`, the resolved device as its setting ("cpu" or
  // "vulkan:UUID", ResolvedDevice::setting); `warning` is empty, or says that the saved device
  // is gone and which one runs instead. Not emitted when the loaded ones are reused.
  void modelsLoaded(const QString& device, const QString& warning);
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
  // Opens the session for `settings` unless the open one already has its networks; false
  // (with a signal emitted) on failure.
  bool prepare(const AppSettings& settings);

  std::atomic<bool> cancel_{false};
  std::unique_ptr<fr::Session> session_;
};

// Registers the value types above for queued connections; call once before connecting.
void registerWorkerTypes();

}  // namespace fr::gui

Q_DECLARE_METATYPE(fr::gui::RestoredImage)
