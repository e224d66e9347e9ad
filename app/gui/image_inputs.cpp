#include "app/gui/image_inputs.h"

namespace fr::gui {

CollectedInputs collectImages(const QStringList&, const QStringList&) {
  return {};
}

QStringList localPaths(const QList<QUrl>&) {
  return {};
}

}  // namespace fr::gui
