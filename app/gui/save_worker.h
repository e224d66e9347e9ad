// Saving restored photos off the window's thread: encoding a large result (seconds for a PNG of
// tens of megapixels) and writing it (saveImage, image_export.h) on a WorkerThread. Requests
// arrive as queued slots and each answer leaves as a queued signal, with value types. The
// window ends its thread with WorkerThread::finishQueued(), so a save asked for is never
// dropped.
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <opencv2/core.hpp>

#include "app/gui/display_worker.h"

namespace fr::gui {

class SaveWorker : public QObject {
  Q_OBJECT

 public:
  explicit SaveWorker(QObject* parent = nullptr);

 public slots:
  // Writes `image`, the result of `restored` as the faces were chosen, to `target`
  // (saveImage, in the format of its source as far as the file type holds it), never over
  // one of `inputs`. saved() follows.
  void save(const fr::gui::SharedRestoredImage& restored, const cv::Mat& image,
            const QString& target, int quality, const QStringList& inputs);

 signals:
  // `restored`'s result was written to `target` (`error` empty), or why not.
  void saved(const fr::gui::SharedRestoredImage& restored, const QString& target,
             const QString& error);
};

}  // namespace fr::gui
