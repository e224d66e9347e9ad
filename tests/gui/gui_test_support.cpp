#include "tests/gui/gui_test_support.h"

#include "tests/test_support.h"

namespace fr::gui {

char* toString(const AppSettings& s) {
  const QString text =
      QStringLiteral(
          "{device=%1 face=%2 detector=%3 background=%4 upscale=%5 tileSize=%6 tilePad=%7 "
          "onlyCenterFace=%8 randomNoise=%9 folder=%10 format=%11 quality=%12 suffix=%13 "
          "language=%14 halfPrecision=%15}")
          .arg(s.device, s.faceModel, s.detector, s.backgroundModel)
          .arg(s.upscale)
          .arg(s.tileSize)
          .arg(s.tilePad)
          .arg(int(s.onlyCenterFace))
          .arg(int(s.randomNoise))
          .arg(s.outputFolder, s.format)
          .arg(s.quality)
          .arg(s.suffix, s.language)
          .arg(int(s.halfPrecision));
  return qstrdup(text.toUtf8().constData());
}

QStringList equalFields(const AppSettings& a, const AppSettings& b) {
  QStringList same;
  auto check = [&](bool equal, const char* name) {
    if (equal) same.append(QString::fromLatin1(name));
  };
  check(a.device == b.device, "device");
  check(a.halfPrecision == b.halfPrecision, "halfPrecision");
  check(a.faceModel == b.faceModel, "faceModel");
  check(a.detector == b.detector, "detector");
  check(a.backgroundModel == b.backgroundModel, "backgroundModel");
  check(a.upscale == b.upscale, "upscale");
  check(a.tileSize == b.tileSize, "tileSize");
  check(a.tilePad == b.tilePad, "tilePad");
  check(a.onlyCenterFace == b.onlyCenterFace, "onlyCenterFace");
  check(a.randomNoise == b.randomNoise, "randomNoise");
  check(a.outputFolder == b.outputFolder, "outputFolder");
  check(a.format == b.format, "format");
  check(a.quality == b.quality, "quality");
  check(a.suffix == b.suffix, "suffix");
  check(a.language == b.language, "language");
  return same;
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
