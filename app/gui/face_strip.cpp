#include "app/gui/face_strip.h"

#include <QCheckBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPixmap>
#include <QScrollArea>
#include <QScrollBar>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>

namespace fr::gui {
namespace {

// A thumbnail label: `image` shrunk to fit kThumbnailSize square, sharp on high-DPI screens.
QLabel* thumbnail(const QImage& image, const QString& toolTip, qreal devicePixelRatio) {
  const int side = FaceStrip::kThumbnailSize;
  auto* label = new QLabel;
  label->setFixedSize(side, side);
  label->setAlignment(Qt::AlignCenter);
  label->setToolTip(toolTip);
  if (image.isNull()) {
    label->setText(QStringLiteral("–"));
    label->setFrameShape(QFrame::Box);
    return label;
  }
  const int pixels = qRound(side * devicePixelRatio);
  QPixmap pixmap = QPixmap::fromImage(
      image.scaled(pixels, pixels, Qt::KeepAspectRatio, Qt::SmoothTransformation));
  pixmap.setDevicePixelRatio(devicePixelRatio);
  label->setPixmap(pixmap);
  return label;
}

}  // namespace

FaceStrip::FaceStrip(QWidget* parent) : QWidget(parent) {
  scroll_ = new QScrollArea(this);
  scroll_->setWidgetResizable(true);
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  scroll_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll_->setFrameShape(QFrame::NoFrame);

  content_ = new QWidget;
  row_ = new QHBoxLayout(content_);
  row_->setContentsMargins(4, 4, 4, 4);
  row_->setSpacing(8);
  row_->addStretch(1);
  scroll_->setWidget(content_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll_);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QSize FaceStrip::sizeHint() const {
  // One card (two thumbnails over a caption line) and room for the scroll bar.
  const int caption =
      std::max(fontMetrics().height(), style()->pixelMetric(QStyle::PM_IndicatorHeight)) + 4;
  const int height = kThumbnailSize + caption + 2 * 4 /*row margins*/ + 2 * 6 /*card margins*/ +
                     4 /*card spacing*/ + scroll_->horizontalScrollBar()->sizeHint().height();
  return {4 * (2 * kThumbnailSize + 24), height};
}

void FaceStrip::setFaces(const QVector<FaceThumbnail>& faces) {
  clear();
  for (int i = 0; i < faces.size(); ++i) {
    QWidget* card = makeCard(i, faces[i]);
    row_->insertWidget(row_->count() - 1, card);  // before the stretch
    cards_.push_back(card);
  }
  updateGeometry();
}

QWidget* FaceStrip::makeCard(int index, const FaceThumbnail& face) {
  auto* card = new QFrame;
  card->setFrameShape(QFrame::StyledPanel);
  auto* layout = new QVBoxLayout(card);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->setSpacing(4);

  const qreal ratio = devicePixelRatioF();
  auto* images = new QHBoxLayout;
  images->setSpacing(4);
  images->addWidget(thumbnail(face.crop, tr("Face %1 as found").arg(index + 1), ratio));
  images->addWidget(thumbnail(face.restored, tr("Face %1 restored").arg(index + 1), ratio));
  layout->addLayout(images);

  auto* caption = new QHBoxLayout;
  caption->addWidget(new QLabel(tr("Face %1").arg(index + 1)));
  caption->addStretch(1);
  auto* use = new QCheckBox(tr("Use"));
  use->setObjectName(QStringLiteral("faceUse%1").arg(index));
  use->setToolTip(tr("Paste this restored face back into the image"));
  use->setChecked(face.included);
  connect(use, &QCheckBox::toggled, this, [this] { emit includedChanged(included()); });
  caption->addWidget(use);
  layout->addLayout(caption);

  boxes_.push_back(use);
  return card;
}

void FaceStrip::clear() {
  for (QWidget* card : cards_) {
    row_->removeWidget(card);
    card->hide();
    // Out of the tree at once (findChild no longer sees it); deleted later because clear()
    // may run from one of its check box's signals.
    card->setParent(nullptr);
    card->deleteLater();
  }
  cards_.clear();
  boxes_.clear();
  updateGeometry();
}

int FaceStrip::count() const {
  return boxes_.size();
}

QVector<bool> FaceStrip::included() const {
  QVector<bool> flags;
  flags.reserve(boxes_.size());
  for (const QCheckBox* box : boxes_) flags.push_back(box->isChecked());
  return flags;
}

void FaceStrip::setIncluded(int index, bool included) {
  if (index < 0 || index >= boxes_.size()) return;
  boxes_[index]->setChecked(included);  // emits through toggled when it changes
}

}  // namespace fr::gui
