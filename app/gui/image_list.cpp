#include "app/gui/image_list.h"

#include <QDir>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>

namespace fr::gui {
namespace {

enum Role { pathRole = Qt::UserRole, statusRole, reasonRole, sizeRole, thumbnailRole };

// A grey square on a transparent kThumbnail square: a photo whose thumbnail is not there yet,
// or cannot be made.
QImage placeholder() {
  QImage square(ImageList::kThumbnail, ImageList::kThumbnail, QImage::Format_ARGB32_Premultiplied);
  square.fill(Qt::transparent);
  QPainter painter(&square);
  painter.fillRect(QRect(8, 8, ImageList::kThumbnail - 16, ImageList::kThumbnail - 16),
                   QColor(128, 128, 128));
  return square;
}

}  // namespace

QImage ImageList::makeThumbnail(const QString& path, QSize* size) {
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize full = reader.size();
  *size = full;
  QImage image;
  if (full.isValid()) {
    reader.setScaledSize(full.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio));
    image = reader.read();
  }
  if (image.isNull()) return placeholder();
  QImage square(kThumbnail, kThumbnail, QImage::Format_ARGB32_Premultiplied);
  square.fill(Qt::transparent);
  QPainter painter(&square);
  painter.drawImage((kThumbnail - image.width()) / 2, (kThumbnail - image.height()) / 2, image);
  return square;
}

ImageList::ImageList(QWidget* parent) : QListWidget(parent) {
  setIconSize(QSize(kThumbnail, kThumbnail));
  setSelectionMode(QAbstractItemView::ExtendedSelection);
  setUniformItemSizes(true);
  setWordWrap(true);
  setSpacing(2);
}

int ImageList::addImage(const QString& path) {
  auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(placeholder())), QString());
  item->setData(pathRole, path);
  item->setData(statusRole, int(ImageStatus::waiting));
  item->setData(thumbnailRole, false);
  addItem(item);
  const int row = count() - 1;
  updateText(row);
  return row;
}

void ImageList::setThumbnail(const QString& path, const QImage& thumbnail, const QSize& size) {
  const int row = rowOf(path);
  if (row < 0) return;
  auto* it = item(row);
  it->setIcon(QIcon(QPixmap::fromImage(thumbnail)));
  it->setData(sizeRole, size);
  it->setData(thumbnailRole, true);
  updateText(row);
}

QString ImageList::path(int row) const {
  const auto* it = item(row);
  return it ? it->data(pathRole).toString() : QString();
}

QStringList ImageList::paths() const {
  QStringList out;
  for (int row = 0; row < count(); ++row) out.append(path(row));
  return out;
}

int ImageList::rowOf(const QString& path) const {
  for (int row = 0; row < count(); ++row)
    if (item(row)->data(pathRole).toString() == path) return row;
  return -1;
}

ImageStatus ImageList::status(int row) const {
  const auto* it = item(row);
  return it ? ImageStatus(it->data(statusRole).toInt()) : ImageStatus::waiting;
}

QString ImageList::reason(int row) const {
  const auto* it = item(row);
  return it ? it->data(reasonRole).toString() : QString();
}

void ImageList::setStatus(int row, ImageStatus status, const QString& reason) {
  auto* it = item(row);
  if (!it) return;
  it->setData(statusRole, int(status));
  it->setData(reasonRole, reason);
  updateText(row);
}

QString ImageList::statusText(ImageStatus status) {
  switch (status) {
    case ImageStatus::waiting:
      return tr("Waiting");
    case ImageStatus::working:
      return tr("Working…");
    case ImageStatus::done:
      return tr("Done");
    case ImageStatus::failed:
      return tr("Failed");
  }
  return {};
}

void ImageList::updateText(int row) {
  auto* it = item(row);
  const QFileInfo info(it->data(pathRole).toString());
  const QSize size = it->data(sizeRole).toSize();
  const auto st = ImageStatus(it->data(statusRole).toInt());
  const QString reason = it->data(reasonRole).toString();
  const QString dims = !it->data(thumbnailRole).toBool() ? tr("reading…")
                       : size.isValid() ? tr("%1 × %2").arg(size.width()).arg(size.height())
                                        : tr("size unknown");
  // A finished photo with a reason finished with warnings (ImageList::setStatus).
  const QString status =
      st == ImageStatus::done && !reason.isEmpty() ? tr("Done, with warnings") : statusText(st);
  it->setText(info.fileName() + QLatin1Char('\n') + dims + QStringLiteral(" · ") + status);
  QString tip = QDir::toNativeSeparators(info.absoluteFilePath());
  if (!reason.isEmpty()) tip += QLatin1Char('\n') + reason;
  it->setToolTip(tip);
  it->setForeground(st == ImageStatus::failed ? QBrush(QColor(200, 40, 40)) : QBrush());
}

}  // namespace fr::gui
