#include "app/gui/compare_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace fr::gui {
namespace {

const QColor kBackground(0x26, 0x26, 0x28);
const QColor kDividerColour(0xf0, 0xf0, 0xf0);
const QColor kCaptionBackdrop(0, 0, 0, 150);
// How close to the divider (widget pixels) the mouse grabs it.
constexpr double kDividerGrab = 6.0;
// From this zoom up pixels are drawn as sharp squares.
constexpr double kPixelZoom = 2.0;
// One arrow key press pans this fraction of the pane.
constexpr double kArrowPan = 0.1;

// A format QPainter draws from without converting the whole image on each paint.
QImage drawable(const QImage& image) {
  if (image.isNull()) return image;
  if (image.format() == QImage::Format_RGB32 ||
      image.format() == QImage::Format_ARGB32_Premultiplied)
    return image;
  return image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied
                                                       : QImage::Format_RGB32);
}

// The average of two packed 8-bit-per-channel pixels, channel by channel (rounded down).
inline quint32 average(quint32 a, quint32 b) {
  return (a & b) + (((a ^ b) & 0xfefefefeu) >> 1);
}

// `image` (RGB32 or ARGB32 premultiplied) at half its size, each pixel the average of a 2×2
// block; a fast box filter, so that shrinking on screen does not alias.
QImage halve(const QImage& image) {
  QImage half(image.width() / 2, image.height() / 2, image.format());
  for (int y = 0; y < half.height(); ++y) {
    const auto* top = reinterpret_cast<const quint32*>(image.constScanLine(2 * y));
    const auto* bottom = reinterpret_cast<const quint32*>(image.constScanLine(2 * y + 1));
    auto* out = reinterpret_cast<quint32*>(half.scanLine(y));
    for (int x = 0; x < half.width(); ++x)
      out[x] =
          average(average(top[2 * x], top[2 * x + 1]), average(bottom[2 * x], bottom[2 * x + 1]));
  }
  return half;
}

}  // namespace

ViewImage CompareView::prepareImage(const QImage& image) {
  ViewImage view;
  if (image.isNull()) return view;
  view.levels.append(drawable(image));
  while (view.levels.back().width() >= 4 && view.levels.back().height() >= 4)
    view.levels.append(halve(view.levels.back()));
  return view;
}

const QImage& CompareView::Layer::levelFor(double scale) const {
  int k = 0;
  // Level k + 1 is half of level k; use it while it is still no smaller than the screen size.
  while (scale <= 0.5 && k + 1 < view.levels.size()) {
    ++k;
    scale *= 2.0;
  }
  return view.levels[k];
}

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(64, 64);
}

QSize CompareView::sizeHint() const {
  return {800, 600};
}

void CompareView::setImages(const QImage& before, const QImage& after) {
  setImages(prepareImage(before), prepareImage(after));
}

void CompareView::setImages(const ViewImage& before, const ViewImage& after) {
  beforeLayer_.view = before;
  afterLayer_.view = after;
  centre_ = QPointF(imageSize().width() / 2.0, imageSize().height() / 2.0);
  zoomToFit();
  updateCursor(mapFromGlobal(QCursor::pos()));
  update();
}

void CompareView::setAfter(const QImage& after) {
  setAfter(prepareImage(after));
}

void CompareView::setAfter(const ViewImage& after) {
  const QSizeF oldSize = imageSize();
  afterLayer_.view = after;
  const QSizeF newSize = imageSize();
  if (fitted_) {
    zoomToFit();
  } else {
    // Keep showing the same part of the picture if the pixel space changed size.
    if (!oldSize.isEmpty() && newSize != oldSize)
      centre_ = QPointF(centre_.x() * newSize.width() / oldSize.width(),
                        centre_.y() * newSize.height() / oldSize.height());
    clampCentre();
  }
  update();
}

void CompareView::clear() {
  beforeLayer_.view = {};
  afterLayer_.view = {};
  centre_ = QPointF();
  fitted_ = true;
  drag_ = Drag::none;
  unsetCursor();
  update();
}

CompareView::Mode CompareView::mode() const {
  return mode_;
}

void CompareView::setMode(Mode mode) {
  if (mode == mode_) return;
  mode_ = mode;
  // The pane changes size between side by side and the other modes.
  if (fitted_) {
    zoomToFit();
  } else {
    clampCentre();
  }
  updateCursor(mapFromGlobal(QCursor::pos()));
  update();
  emit modeChanged(mode_);
}

void CompareView::toggleBeforeAfter() {
  setMode(mode_ == Mode::before ? Mode::after : Mode::before);
}

double CompareView::zoom() const {
  return zoom_;
}

void CompareView::setZoom(double zoom) {
  zoomAbout(zoom, pane().center());
}

void CompareView::zoomIn() {
  setZoom(zoom_ * kZoomStep);
}

void CompareView::zoomOut() {
  setZoom(zoom_ / kZoomStep);
}

void CompareView::zoomToFit() {
  const QSizeF size = imageSize();
  const QRectF area = pane();
  double fit = zoom_;
  if (!size.isEmpty() && !area.isEmpty())
    fit = std::min(area.width() / size.width(), area.height() / size.height());
  centre_ = QPointF(size.width() / 2.0, size.height() / 2.0);
  zoomAbout(fit, area.center(), /*keepFit=*/true);
  fitted_ = true;
}

void CompareView::zoomToActualSize() {
  setZoom(1.0);
}

double CompareView::dividerPosition() const {
  return divider_;
}

void CompareView::setDividerPosition(double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  if (fraction == divider_) return;
  divider_ = fraction;
  update();
}

QPointF CompareView::imagePointAt(const QPointF& widgetPos) const {
  return (toPane(widgetPos) - imageOrigin()) / zoom_;
}

QPointF CompareView::widgetPointOf(const QPointF& imagePoint) const {
  return imageOrigin() + imagePoint * zoom_;
}

CompareView::Mode CompareView::effectiveMode() const {
  return afterLayer_.isNull() ? Mode::before : mode_;
}

QSizeF CompareView::imageSize() const {
  return QSizeF(afterLayer_.isNull() ? beforeLayer_.size() : afterLayer_.size());
}

QRectF CompareView::pane() const {
  if (effectiveMode() == Mode::sideBySide) return QRectF(0, 0, width() / 2, height());
  return QRectF(rect());
}

double CompareView::paneOffsetX() const {
  return effectiveMode() == Mode::sideBySide ? width() / 2 : 0.0;
}

QPointF CompareView::imageOrigin() const {
  return pane().center() - centre_ * zoom_;
}

QPointF CompareView::toPane(const QPointF& widgetPos) const {
  const double offset = paneOffsetX();
  if (offset > 0 && widgetPos.x() >= offset) return widgetPos - QPointF(offset, 0);
  return widgetPos;
}

double CompareView::dividerX() const {
  return divider_ * width();
}

bool CompareView::nearDivider(const QPointF& widgetPos) const {
  return effectiveMode() == Mode::split && std::abs(widgetPos.x() - dividerX()) <= kDividerGrab;
}

bool CompareView::canPan() const {
  const QSizeF size = imageSize() * zoom_;
  const QRectF area = pane();
  return hasImage() && (size.width() > area.width() + 0.5 || size.height() > area.height() + 0.5);
}

void CompareView::zoomAbout(double zoom, const QPointF& anchor, bool keepFit) {
  if (!std::isfinite(zoom)) return;
  zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
  const QPointF imagePoint = (anchor - imageOrigin()) / zoom_;
  const double old = zoom_;
  zoom_ = zoom;
  // Solve origin + imagePoint × zoom = anchor for the new centre.
  const QPointF origin = anchor - imagePoint * zoom_;
  centre_ = (pane().center() - origin) / zoom_;
  clampCentre();
  if (!keepFit) fitted_ = false;
  updateCursor(mapFromGlobal(QCursor::pos()));
  update();
  if (zoom_ != old) emit zoomChanged(zoom_);
}

void CompareView::panBy(const QPointF& screenDelta) {
  centre_ -= screenDelta / zoom_;
  clampCentre();
  update();
}

void CompareView::clampCentre() {
  const QSizeF size = imageSize();
  const QRectF area = pane();
  auto clampAxis = [&](double centre, double extent, double view) {
    const double half = view / 2.0 / zoom_;  // half the pane, in image pixels
    if (extent <= 2.0 * half) return extent / 2.0;
    return std::clamp(centre, half, extent - half);
  };
  centre_.setX(clampAxis(centre_.x(), size.width(), area.width()));
  centre_.setY(clampAxis(centre_.y(), size.height(), area.height()));
}

void CompareView::updateCursor(const QPointF& widgetPos) {
  if (drag_ == Drag::pan) {
    setCursor(Qt::ClosedHandCursor);
  } else if (drag_ == Drag::divider ||
             (rect().contains(widgetPos.toPoint()) && nearDivider(widgetPos))) {
    setCursor(Qt::SplitHCursor);
  } else if (canPan()) {
    setCursor(Qt::OpenHandCursor);
  } else {
    unsetCursor();
  }
}

void CompareView::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (fitted_) {
    zoomToFit();
  } else {
    clampCentre();
  }
}

void CompareView::wheelEvent(QWheelEvent* event) {
  const int delta = event->angleDelta().y();
  if (!hasImage() || delta == 0) {
    event->ignore();
    return;
  }
  zoomAbout(zoom_ * std::pow(kZoomStep, delta / 120.0), toPane(event->position()));
  event->accept();
}

void CompareView::mousePressEvent(QMouseEvent* event) {
  lastMouse_ = event->localPos();
  if (event->button() == Qt::LeftButton && nearDivider(lastMouse_)) {
    drag_ = Drag::divider;
  } else if ((event->button() == Qt::LeftButton || event->button() == Qt::MiddleButton) &&
             hasImage()) {
    drag_ = Drag::pan;
  } else {
    QWidget::mousePressEvent(event);
    return;
  }
  updateCursor(lastMouse_);
  event->accept();
}

void CompareView::mouseMoveEvent(QMouseEvent* event) {
  const QPointF pos = event->localPos();
  if (drag_ == Drag::divider) {
    setDividerPosition(width() > 0 ? pos.x() / width() : 0.5);
  } else if (drag_ == Drag::pan) {
    panBy(pos - lastMouse_);
  } else {
    updateCursor(pos);
  }
  lastMouse_ = pos;
  event->accept();
}

void CompareView::mouseReleaseEvent(QMouseEvent* event) {
  if (drag_ == Drag::none) {
    QWidget::mouseReleaseEvent(event);
    return;
  }
  drag_ = Drag::none;
  updateCursor(event->localPos());
  event->accept();
}

void CompareView::keyPressEvent(QKeyEvent* event) {
  const QRectF area = pane();
  switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
      zoomIn();
      break;
    case Qt::Key_Minus:
      zoomOut();
      break;
    case Qt::Key_0:
      zoomToFit();
      break;
    case Qt::Key_1:
      zoomToActualSize();
      break;
    case Qt::Key_Left:
      panBy(QPointF(area.width() * kArrowPan, 0));
      break;
    case Qt::Key_Right:
      panBy(QPointF(-area.width() * kArrowPan, 0));
      break;
    case Qt::Key_Up:
      panBy(QPointF(0, area.height() * kArrowPan));
      break;
    case Qt::Key_Down:
      panBy(QPointF(0, -area.height() * kArrowPan));
      break;
    case Qt::Key_Space:
      toggleBeforeAfter();
      break;
    default:
      QWidget::keyPressEvent(event);
      return;
  }
  event->accept();
}

void CompareView::paintEvent(QPaintEvent* event) {
  QPainter painter(this);
  painter.fillRect(event->rect(), kBackground);
  if (!hasImage()) return;
  painter.setRenderHint(QPainter::SmoothPixmapTransform, zoom_ < kPixelZoom);

  const QPointF origin = imageOrigin();
  const QRectF whole(rect());
  switch (effectiveMode()) {
    case Mode::split: {
      const double x = dividerX();
      const QRectF left(0, 0, x, height());
      const QRectF right(x, 0, width() - x, height());
      drawLayer(painter, beforeLayer_, origin, left);
      drawLayer(painter, afterLayer_, origin, right);
      drawCaption(painter, tr("Before"), left, false);
      drawCaption(painter, tr("After"), right, true);
      drawDivider(painter, x);
      break;
    }
    case Mode::sideBySide: {
      const QRectF left = pane();
      const QRectF right = left.translated(paneOffsetX(), 0);
      drawLayer(painter, beforeLayer_, origin, left);
      drawLayer(painter, afterLayer_, origin + QPointF(paneOffsetX(), 0), right);
      drawCaption(painter, tr("Before"), left, false);
      drawCaption(painter, tr("After"), right, true);
      painter.setClipping(false);
      painter.fillRect(QRectF(right.left() - 1, 0, 2, height()), kBackground);
      break;
    }
    case Mode::before:
      drawLayer(painter, beforeLayer_.isNull() ? afterLayer_ : beforeLayer_, origin, whole);
      drawCaption(painter, tr("Before"), whole, false);
      break;
    case Mode::after:
      drawLayer(painter, afterLayer_, origin, whole);
      drawCaption(painter, tr("After"), whole, true);
      break;
  }
}

void CompareView::drawLayer(QPainter& painter, const Layer& layer, const QPointF& origin,
                            const QRectF& clip) {
  if (layer.isNull() || clip.isEmpty()) return;
  const QSizeF space = imageSize();
  const QSizeF shown = space * zoom_;  // the image area on screen
  const QRectF target = QRectF(origin, shown).intersected(clip);
  if (target.isEmpty()) return;

  // Smooth drawing samples only a few source pixels per screen pixel: shrink from a
  // prepared half-size copy when the image is shown at half its size or less.
  const QImage& full = layer.image();
  const double scale = std::min(shown.width() / full.width(), shown.height() / full.height());
  const QImage& image = zoom_ < kPixelZoom ? layer.levelFor(scale) : full;

  // Screen pixels per pixel of `image`, then the visible source rectangle aligned outward to
  // whole pixels (the clip trims the overhang).
  const double fx = shown.width() / image.width();
  const double fy = shown.height() / image.height();
  QRectF source((target.left() - origin.x()) / fx, (target.top() - origin.y()) / fy,
                target.width() / fx, target.height() / fy);
  const QRect aligned =
      QRect(QPoint(int(std::floor(source.left())), int(std::floor(source.top()))),
            QPoint(int(std::ceil(source.right())) - 1, int(std::ceil(source.bottom())) - 1))
          .intersected(image.rect());
  if (aligned.isEmpty()) return;
  const QRectF drawn(origin.x() + aligned.x() * fx, origin.y() + aligned.y() * fy,
                     aligned.width() * fx, aligned.height() * fy);
  painter.save();
  painter.setClipRect(clip);
  painter.drawImage(drawn, image, QRectF(aligned));
  painter.restore();
}

void CompareView::drawCaption(QPainter& painter, const QString& text, const QRectF& area,
                              bool right) {
  constexpr double kMargin = 8.0;
  constexpr double kPadX = 6.0;
  constexpr double kPadY = 2.0;
  QFont font = painter.font();
  if (font.pointSizeF() > 0) font.setPointSizeF(std::max(7.0, font.pointSizeF() * 0.9));
  const QFontMetricsF metrics(font);
  const QSizeF box(metrics.horizontalAdvance(text) + 2 * kPadX, metrics.height() + 2 * kPadY);
  const double x = right ? area.right() - kMargin - box.width() : area.left() + kMargin;
  const QRectF backdrop(QPointF(x, area.top() + kMargin), box);

  painter.save();
  painter.setClipRect(area);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.setPen(Qt::NoPen);
  painter.setBrush(kCaptionBackdrop);
  painter.drawRoundedRect(backdrop, 3, 3);
  painter.setFont(font);
  painter.setPen(Qt::white);
  painter.drawText(backdrop, Qt::AlignCenter, text);
  painter.restore();
}

void CompareView::drawDivider(QPainter& painter, double x) {
  constexpr double kHandleWidth = 12.0;
  constexpr double kHandleHeight = 36.0;
  painter.save();
  painter.setClipping(false);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.fillRect(QRectF(x - 1, 0, 2, height()), kDividerColour);
  const QRectF handle(x - kHandleWidth / 2, height() / 2.0 - kHandleHeight / 2, kHandleWidth,
                      kHandleHeight);
  painter.setPen(QPen(QColor(0, 0, 0, 120), 1));
  painter.setBrush(kDividerColour);
  painter.drawRoundedRect(handle, 4, 4);
  // Two grip lines.
  painter.setPen(QPen(QColor(0x60, 0x60, 0x60), 1));
  for (double dx : {-2.0, 2.0})
    painter.drawLine(QPointF(x + dx, handle.top() + 10), QPointF(x + dx, handle.bottom() - 10));
  painter.restore();
}

}  // namespace fr::gui
