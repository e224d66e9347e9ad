#include "app/gui/face_strip.h"

namespace fr::gui {

FaceStrip::FaceStrip(QWidget* parent) : QWidget(parent) {}
void FaceStrip::setFaces(const QVector<FaceThumbnail>&) {}
void FaceStrip::clear() {}
int FaceStrip::count() const { return 0; }
QVector<bool> FaceStrip::included() const { return {}; }
void FaceStrip::setIncluded(int, bool) {}

}  // namespace fr::gui
