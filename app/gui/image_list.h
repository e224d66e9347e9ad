// The list of loaded photos in the main window: thumbnail, name, pixel size and status
// (waiting, working, done, failed with the reason). Rows are in load order; a path appears
// once. GUI thread only.
#pragma once

#include <QListWidget>
#include <QStringList>

namespace fr::gui {

enum class ImageStatus { waiting, working, done, failed };

class ImageList : public QListWidget {
  Q_OBJECT

 public:
  explicit ImageList(QWidget* parent = nullptr);

  // Appends `path` (an existing image file) with its thumbnail; returns its row.
  int addImage(const QString& path);
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
