// The window's work on pictures at photo size, done on a WorkerThread so that the window's
// thread only swaps finished pictures in: decoding a photo to show it (within the megapixel
// limit of the settings), preparing a restored photo's before and after for the comparison
// view, pasting the faces back again when the user ticks or unticks one, and the list's
// thumbnails (on a second DisplayWorker, so that a folder of photos coming in does not hold
// up the photo being shown).
//
// Requests carry a ticket chosen by the window (increasing); each answer carries its
// request's ticket back, so the window can tell an answer that is still wanted from one that
// a later request has replaced.
#pragma once

#include <QObject>
#include <QString>
#include <QVector>
#include <atomic>
#include <memory>

#include "app/gui/compare_view.h"
#include "app/gui/face_strip.h"
#include "app/gui/restore_worker.h"

namespace fr::gui {

// A restored photo as the window and the display worker share it: never modified.
using SharedRestoredImage = std::shared_ptr<const RestoredImage>;

// A view of an 8-bit BGR image as a QImage, without copying: the QImage keeps `bgr`'s pixels
// alive and must not be written to (writing makes Qt copy them first).
QImage wrapBgr(const cv::Mat& bgr);

class DisplayWorker : public QObject {
  Q_OBJECT

 public:
  explicit DisplayWorker(QObject* parent = nullptr);

  // Thread-safe, called from the window's thread: showFile() and showRestored() requests
  // with a ticket below `ticket` are skipped when their turn comes (the user has moved on).
  void skipShowsBefore(quint64 ticket);

 public slots:
  // Reads `path` for display; photos above `maxMegapixels` (0: no limit) are refused with a
  // message naming the setting (RestoreWorker::photoLimits). shown() follows, with an empty
  // "after".
  void showFile(quint64 ticket, const QString& path, int maxMegapixels);
  // Prepares `restored`'s original and `after` (its result as the faces are chosen now) for
  // the view, and its faces' thumbnails. shown() follows.
  void showRestored(quint64 ticket, const fr::gui::SharedRestoredImage& restored,
                    const cv::Mat& after, const QVector<bool>& included);
  // Pastes the faces of `restored` marked in `included` back onto its background again.
  // composited() follows; never skipped.
  void composite(quint64 ticket, const fr::gui::SharedRestoredImage& restored,
                 const QVector<bool>& included);
  // ImageList::makeThumbnail; thumbnailMade() follows.
  void makeThumbnail(const QString& path);

 signals:
  // A showFile() or showRestored() answer. `after` is the restored image shown (empty for
  // showFile), `faces` its faces; `error` is empty, or why the photo cannot be shown.
  void shown(quint64 ticket, const fr::gui::ViewImage& before, const fr::gui::ViewImage& after,
             const cv::Mat& afterImage, const QVector<fr::gui::FaceThumbnail>& faces,
             const QString& error);
  // A composite() answer: `image` is the new result, `after` it prepared for the view; or,
  // when `error` is not empty, why there is none (both empty).
  void composited(quint64 ticket, const fr::gui::SharedRestoredImage& restored,
                  const cv::Mat& image, const fr::gui::ViewImage& after, const QString& error);
  // The list's thumbnail of `path` and the photo's size (invalid when unknown).
  void thumbnailMade(const QString& path, const QImage& thumbnail, const QSize& size);

 private:
  bool skipped(quint64 ticket) const { return ticket < showsFrom_.load(); }

  std::atomic<quint64> showsFrom_{0};
};

// Registers the value types above for queued connections; call once before connecting.
void registerDisplayTypes();

}  // namespace fr::gui

Q_DECLARE_METATYPE(fr::gui::SharedRestoredImage)
Q_DECLARE_METATYPE(fr::gui::ViewImage)
Q_DECLARE_METATYPE(fr::gui::FaceThumbnail)
Q_DECLARE_METATYPE(cv::Mat)
