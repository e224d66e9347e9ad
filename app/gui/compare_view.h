// The before/after comparison: a split view with a draggable divider, side by side, or one
// image at a time (toggled), with zoom and pan shared by both sides. Coordinates are those of
// the "after" image; "before" is drawn stretched over the same area (it is smaller by the
// upscale factor). GUI thread only, except prepareImage().
//
// Mouse: the wheel zooms about the cursor; a left (or middle) drag pans, except on the split
// divider, which a left drag moves. Keyboard (when focused): + and - zoom, 0 fits, 1 is 100 %,
// the arrows pan, Space toggles between before and after.
#pragma once

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QVector>
#include <QWidget>

class QPainter;

namespace fr::gui {

// An image ready for CompareView: level 0 is the image in a format QPainter draws without
// converting, level k + 1 is level k halved (a 2×2 box filter) while level k is at least 4
// pixels each way, so that shrinking on screen does not alias. Made by
// CompareView::prepareImage on any thread; a value type whose images are shared, not copied.
struct ViewImage {
  QVector<QImage> levels;  // empty for no image

  bool isNull() const { return levels.isEmpty() || levels.front().isNull(); }
  QSize size() const { return isNull() ? QSize() : levels.front().size(); }
};

class CompareView : public QWidget {
  Q_OBJECT

 public:
  enum class Mode { split, sideBySide, before, after };
  Q_ENUM(Mode)

  // The zoom range, in screen pixels per "after" pixel.
  static constexpr double kMinZoom = 1.0 / 64.0;
  static constexpr double kMaxZoom = 32.0;
  // The factor of one zoomIn()/zoomOut() step and of one wheel notch (120 eighths of a degree).
  static constexpr double kZoomStep = 1.25;

  explicit CompareView(QWidget* parent = nullptr);

  // Converts and halves `image` (ViewImage): work proportional to its pixels, for a worker
  // thread when the image is a photo. Thread-safe.
  static ViewImage prepareImage(const QImage& image);

  // Shows a new pair and fits it to the view. `after` may be null (not restored yet): only
  // `before` is shown then, whatever the mode, filling before's own size.
  void setImages(const ViewImage& before, const ViewImage& after);
  // The same, preparing the images here (small images, tests).
  void setImages(const QImage& before, const QImage& after);
  // Replaces "after" (a re-composite) keeping zoom, pan and divider. While the view is fitted
  // (not zoomed since the last fit) it stays fitted.
  void setAfter(const ViewImage& after);
  void setAfter(const QImage& after);
  void clear();
  // The sizes of the images shown, in pixels; empty when there is none.
  QSize beforeSize() const { return beforeLayer_.size(); }
  QSize afterSize() const { return afterLayer_.size(); }

  Mode mode() const;
  void setMode(Mode mode);
  // Flips between showing only "before" and only "after"; from split or side by side it shows
  // only "before".
  void toggleBeforeAfter();

  // Zoom is screen pixels per "after" pixel; 1.0 is 100 %. It is clamped to kMinZoom..kMaxZoom.
  // setZoom, zoomIn and zoomOut zoom about the centre of the view (of one pane side by side).
  double zoom() const;
  void setZoom(double zoom);
  void zoomIn();
  void zoomOut();
  // The whole image visible and centred, as large as the view (one pane side by side) allows;
  // small images are enlarged. Stays in force across resizes until the zoom is changed.
  void zoomToFit();
  void zoomToActualSize();
  // Whether the view is fitted: zoomToFit() or setImages() since the zoom was last changed.
  bool isFitted() const { return fitted_; }
  // The split divider's position as a fraction of the view's width, 0 to 1.
  double dividerPosition() const;
  void setDividerPosition(double fraction);

  // The "after" pixel coordinates shown at `widgetPos` (side by side: in the pane it falls in),
  // and back; the latter in the left pane side by side. For tests and tool tips.
  QPointF imagePointAt(const QPointF& widgetPos) const;
  QPointF widgetPointOf(const QPointF& imagePoint) const;

  QSize sizeHint() const override;

 signals:
  void zoomChanged(double zoom);
  void modeChanged(fr::gui::CompareView::Mode mode);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  enum class Drag { none, pan, divider };

  // One image as drawn, with its half-size copies for smooth zoomed-out drawing.
  struct Layer {
    ViewImage view;
    const QImage& image() const { return view.levels.front(); }
    bool isNull() const { return view.isNull(); }
    QSize size() const { return view.size(); }
    // The coarsest level still at least as large as `scale` × the image (scale ≤ 1 shrinks).
    const QImage& levelFor(double scale) const;
  };

  bool hasImage() const { return !beforeLayer_.isNull() || !afterLayer_.isNull(); }
  // What is drawn: the mode, or `before` alone when there is no "after".
  Mode effectiveMode() const;
  // The "after" pixel space: after's size, or before's when there is no "after".
  QSizeF imageSize() const;
  // The area the image is laid out in, in widget pixels: the whole widget, or the left half
  // side by side (the right pane is the same rectangle moved right by paneOffsetX()).
  QRectF pane() const;
  double paneOffsetX() const;
  // The widget position of the image's top left corner in the left (or only) pane.
  QPointF imageOrigin() const;
  // A widget point as the same place in the left (or only) pane.
  QPointF toPane(const QPointF& widgetPos) const;
  double dividerX() const;
  bool nearDivider(const QPointF& widgetPos) const;
  bool canPan() const;

  // Sets the zoom keeping the image point at pane-local `anchor` where it is.
  void zoomAbout(double zoom, const QPointF& anchor, bool keepFit = false);
  void panBy(const QPointF& screenDelta);
  // Keeps centre_ where the image covers the pane, or centres an axis the image fits in.
  void clampCentre();
  void updateCursor(const QPointF& widgetPos);

  // Draws `layer` stretched over the image area whose top left is `origin`, within `clip`.
  void drawLayer(QPainter& painter, const Layer& layer, const QPointF& origin, const QRectF& clip);
  void drawCaption(QPainter& painter, const QString& text, const QRectF& area, bool right);
  void drawDivider(QPainter& painter, double x);

  Layer beforeLayer_;
  Layer afterLayer_;
  Mode mode_ = Mode::split;
  double zoom_ = 1.0;
  QPointF centre_;  // the "after" pixel shown at the pane's centre
  bool fitted_ = true;
  double divider_ = 0.5;
  Drag drag_ = Drag::none;
  QPointF lastMouse_;
};

}  // namespace fr::gui
