#include "app/gui/display_worker.h"

#include "app/gui/image_inputs.h"
#include "app/gui/image_list.h"
#include "app/restore/image_io.h"
#include "app/restore/pipeline.h"

namespace fr::gui {
namespace {

// A view image of an 8-bit BGR photo.
ViewImage prepareBgr(const cv::Mat& bgr) {
  return CompareView::prepareImage(wrapBgr(bgr));
}

// Runs `work`; an exception (memory running out for a huge photo, an OpenCV failure) becomes
// the message returned, since nothing may leave a slot on the worker's thread.
template <class Work>
QString guarded(Work&& work) {
  try {
    work();
    return {};
  } catch (const std::bad_alloc&) {
    return DisplayWorker::tr("There is not enough memory to show this photo.");
  } catch (const std::exception& e) {
    return DisplayWorker::tr("This photo cannot be shown: %1").arg(QString::fromUtf8(e.what()));
  }
}

}  // namespace

QImage wrapBgr(const cv::Mat& bgr) {
  if (bgr.empty()) return {};
  FR_CHECK(bgr.type() == CV_8UC3, "wrapBgr takes 8-bit BGR");
  auto* kept = new cv::Mat(bgr);
  return QImage(
      static_cast<const uchar*>(kept->data), kept->cols, kept->rows, int(kept->step),
      QImage::Format_BGR888, [](void* mat) { delete static_cast<cv::Mat*>(mat); }, kept);
}

void registerDisplayTypes() {
  qRegisterMetaType<fr::gui::SharedRestoredImage>();
  qRegisterMetaType<fr::gui::ViewImage>();
  qRegisterMetaType<fr::gui::FaceThumbnail>();
  qRegisterMetaType<QVector<fr::gui::FaceThumbnail>>();
  qRegisterMetaType<QVector<bool>>();
  qRegisterMetaType<cv::Mat>();
}

DisplayWorker::DisplayWorker(QObject* parent) : QObject(parent) {}

void DisplayWorker::skipShowsBefore(quint64 ticket) {
  showsFrom_ = ticket;
}

void DisplayWorker::showFile(quint64 ticket, const QString& path, int maxMegapixels) {
  if (skipped(ticket)) return;
  const ReadLimits limits = RestoreWorker::photoLimits(maxMegapixels);
  ViewImage before;
  QString unreadable;
  const QString failed = guarded([&] {
    auto photo = read_image(toPath(path), limits);
    if (photo)
      before = prepareBgr(photo->bgr);
    else
      unreadable = QString::fromStdString(photo.error().message);
  });
  emit shown(ticket, before, {}, {}, {}, failed.isEmpty() ? unreadable : failed);
}

void DisplayWorker::showRestored(quint64 ticket, const SharedRestoredImage& restored,
                                 const cv::Mat& after, const QVector<bool>& included) {
  if (skipped(ticket)) return;
  ViewImage before, shownAfter;
  QVector<FaceThumbnail> faces;
  const QString error = guarded([&] {
    const auto& found = restored->result.faces;
    for (size_t i = 0; i < found.size(); ++i)
      faces.append({wrapBgr(found[i].crop), wrapBgr(found[i].restored),
                    int(i) < included.size() && included[int(i)]});
    before = prepareBgr(restored->original);
    shownAfter = prepareBgr(after);
  });
  emit shown(ticket, before, shownAfter, after, faces, error);
}

void DisplayWorker::composite(quint64 ticket, const SharedRestoredImage& restored,
                              const QVector<bool>& included) {
  cv::Mat image;
  ViewImage after;
  const QString error = guarded([&] {
    const auto& result = restored->result;
    const std::vector<bool> chosen(included.begin(), included.end());
    image = fr::composite(result.background, result.faces, result.upscale, chosen);
    after = prepareBgr(image);
  });
  emit composited(ticket, restored, image, after, error);
}

void DisplayWorker::makeThumbnail(const QString& path) {
  QSize size;
  const QImage thumbnail = ImageList::makeThumbnail(path, &size);
  emit thumbnailMade(path, thumbnail, size);
}

}  // namespace fr::gui
