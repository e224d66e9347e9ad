#include "app/gui/save_worker.h"

#include <QDir>

#include "app/gui/image_export.h"

namespace fr::gui {

SaveWorker::SaveWorker(QObject* parent) : QObject(parent) {}

void SaveWorker::save(const SharedRestoredImage& restored, const cv::Mat& image,
                      const QString& target, int quality, const QStringList& inputs) {
  QString error;
  try {
    const fr::Status written = saveImage(image, target, quality, inputs, restored->format);
    if (!written) error = QString::fromStdString(written.error().message);
  } catch (const std::bad_alloc&) {
    error = tr("There is not enough memory to save %1.").arg(QDir::toNativeSeparators(target));
  } catch (const std::exception& e) {
    error = tr("%1 cannot be saved: %2")
                .arg(QDir::toNativeSeparators(target), QString::fromUtf8(e.what()));
  }
  emit saved(restored, target, error);
}

}  // namespace fr::gui
