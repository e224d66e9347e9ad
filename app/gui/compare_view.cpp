#include "app/gui/compare_view.h"

namespace fr::gui {

CompareView::CompareView(QWidget* parent) : QWidget(parent) {}
void CompareView::setImages(const QImage&, const QImage&) {}
void CompareView::setAfter(const QImage&) {}
void CompareView::clear() {}
CompareView::Mode CompareView::mode() const { return Mode::split; }
void CompareView::setMode(Mode) {}
void CompareView::toggleBeforeAfter() {}
double CompareView::zoom() const { return 1.0; }
void CompareView::setZoom(double) {}
void CompareView::zoomIn() {}
void CompareView::zoomOut() {}
void CompareView::zoomToFit() {}
void CompareView::zoomToActualSize() {}
double CompareView::dividerPosition() const { return 0.5; }
void CompareView::setDividerPosition(double) {}

}  // namespace fr::gui
