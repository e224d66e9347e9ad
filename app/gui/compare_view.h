// The before/after comparison: a split view with a draggable divider, side by side, or one
// image at a time (toggled), with zoom and pan shared by both sides. Coordinates are those of
// the "after" image; "before" is drawn stretched over the same area (it is smaller by the
// upscale factor). GUI thread only.
#pragma once

#include <QImage>
#include <QWidget>

namespace fr::gui {

class CompareView : public QWidget {
  Q_OBJECT

 public:
  enum class Mode { split, sideBySide, before, after };

  explicit CompareView(QWidget* parent = nullptr);

  // Shows a new pair and fits it to the view. `after` may be null (not restored yet): only
  // `before` is shown then, whatever the mode.
  void setImages(const QImage& before, const QImage& after);
  // Replaces "after" (a re-composite) keeping zoom, pan and divider.
  void setAfter(const QImage& after);
  void clear();

  Mode mode() const;
  void setMode(Mode mode);
  // Flips between showing only "before" and only "after".
  void toggleBeforeAfter();

  // Zoom is screen pixels per "after" pixel; 1.0 is 100 %.
  double zoom() const;
  void setZoom(double zoom);
  void zoomIn();
  void zoomOut();
  void zoomToFit();
  void zoomToActualSize();
  // The split divider's position as a fraction of the view's width, 0 to 1.
  double dividerPosition() const;
  void setDividerPosition(double fraction);

 signals:
  void zoomChanged(double zoom);
  void modeChanged(fr::gui::CompareView::Mode mode);
};

}  // namespace fr::gui
