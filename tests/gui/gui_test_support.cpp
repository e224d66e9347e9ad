#include "tests/gui/gui_test_support.h"

#include "tests/test_support.h"

namespace fr::gui {

char* toString(const AppSettings& s) {
  const QString text =
      QStringLiteral(
          "{device=%1 face=%2 detector=%3 background=%4 upscale=%5 tileSize=%6 tilePad=%7 "
          "onlyCenterFace=%8 randomNoise=%9 folder=%10 format=%11 quality=%12 suffix=%13 "
          "language=%14}")
          .arg(s.device, s.faceModel, s.detector, s.backgroundModel)
          .arg(s.upscale)
          .arg(s.tileSize)
          .arg(s.tilePad)
          .arg(int(s.onlyCenterFace))
          .arg(int(s.randomNoise))
          .arg(s.outputFolder, s.format)
          .arg(s.quality)
          .arg(s.suffix, s.language);
  return qstrdup(text.toUtf8().constData());
}

}  // namespace fr::gui

namespace fr::test {

QString testData(const char* relative) {
  return QString::fromStdString((test_data_dir() / relative).string());
}

fr::gui::AppSettings testModelSettings() {
  fr::gui::AppSettings s;
  s.device = QStringLiteral("cpu");
  s.faceModel = testData("models/test/gfpgan-clean-n0125.pth");
  s.detector = testData("models/retinaface-mobilenet0.25.pth");
  return s;
}

}  // namespace fr::test
