// The list of loaded photos in the main window: thumbnail, name, pixel size and status
// (waiting, working, done, failed with the reason). Rows are in load order; a path appears
// once. GUI thread only, except makeThumbnail().
#pragma once

#include <QListWidget>
#include <QStringList>

namespace fr::gui {

enum class ImageStatus { waiting, working, done, failed };

class ImageList : public QListWidget {
  Q_OBJECT

 public:
  explicit ImageList(QWidget* parent = nullptr);

  // The side of a thumbnail, in pixels.
  static constexpr int kThumbnail = 64;

  // Appends `path` (an existing image file) with a placeholder for its thumbnail and size
  // until setThumbnail(); returns its row.
  int addImage(const QString& path);
  // `path`'s thumbnail (from makeThumbnail) and its pixel size (invalid when unknown); nothing
  // when `path` is not listed.
  void setThumbnail(const QString& path, const QImage& thumbnail, const QSize& size);
  // A kThumbnail square with the photo at `path` decoded at reduced size (JPEG decodes
  // scaled, so large photos stay quick) in the middle, or a grey placeholder when Qt cannot
  // read its format (the pipeline may still can); `size` is set to the photo's size.
  // Thread-safe: the window calls it on a worker thread.
  static QImage makeThumbnail(const QString& path, QSize* size);
  QString path(int row) const;
  QStringList paths() const;
  // The row of `path`, or −1.
  int rowOf(const QString& path) const;

  ImageStatus status(int row) const;
  // Why it failed, or for a done photo the warnings of its restoration (one a line); empty
  // otherwise. Shown in the row's tooltip.
  QString reason(int row) const;
  void setStatus(int row, ImageStatus status, const QString& reason = {});

  static QString statusText(ImageStatus status);

 private:
  void updateText(int row);
};

}  // namespace fr::gui
