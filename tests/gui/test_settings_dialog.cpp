// SettingsDialog: it gives back what it was given, each widget edits its own field, values it
// has no entry for (an unavailable device, a model file) survive, "Other file…" and "Browse…"
// fill in paths, and Restore defaults shows AppSettings' defaults.
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include "app/gui/settings_dialog.h"
#include "tests/gui/gui_test_support.h"

using fr::gui::AppSettings;
using fr::gui::DeviceOption;
using fr::gui::SettingsDialog;

namespace {

QVector<DeviceOption> devices() {
  return {{"auto", "Automatic (Example GPU)"},
          {"vulkan:0", "Example GPU — 8.0 GiB, discrete GPU"},
          {"vulkan:1", "llvmpipe — 2.0 GiB, software, runs on the CPU"},
          {"cpu", "CPU — Example Processor, 8 threads"}};
}

// Every field differs from its default, and each is one the dialog offers.
AppSettings nonDefaultSettings() {
  AppSettings s;
  s.device = QStringLiteral("vulkan:1");
  s.halfPrecision = true;
  s.faceModel = QStringLiteral("gfpgan-v1.3");
  s.detector = QStringLiteral("retinaface-mobilenet0.25");
  s.backgroundModel = QStringLiteral("realesr-general-x4v3");
  s.upscale = 3.5;
  s.tileSize = 512;
  s.tilePad = 32;
  s.onlyCenterFace = true;
  s.randomNoise = true;
  s.outputFolder = QStringLiteral("photos, restored; ünïcode = yes");
  s.format = QStringLiteral("webp");
  s.quality = 80;
  s.suffix = QStringLiteral("fixed");
  s.language = QStringLiteral("zh_CN");
  return s;
}

template <typename T>
T* widget(const SettingsDialog& dialog, const char* name) {
  T* w = dialog.findChild<T*>(QLatin1String(name));
  if (!w) qFatal("no widget named %s", name);
  return w;
}

// Selects the entry holding `value` as a user would, so "Other file…" reacts too.
bool choose(QComboBox* combo, const QVariant& value) {
  const int index = combo->findData(value);
  if (index < 0) return false;
  combo->setCurrentIndex(index);
  emit combo->activated(index);
  return true;
}

int findText(QComboBox* combo, const QString& text) {
  return combo->findText(text, Qt::MatchStartsWith);
}

}  // namespace

class TestSettingsDialog : public QObject {
  Q_OBJECT

 private slots:
  void nonDefaultSettingsDifferInEveryField() {
    const AppSettings d;
    const AppSettings s = nonDefaultSettings();
    const QStringList same = fr::gui::equalFields(s, d);
    QVERIFY2(same.isEmpty(), qPrintable(same.join(", ")));
  }

  void unchangedDialogGivesSettingsBack() {
    const AppSettings s = nonDefaultSettings();
    SettingsDialog dialog(s, devices());
    QCOMPARE(dialog.settings(), s);
    SettingsDialog defaults(AppSettings{}, devices());
    QCOMPARE(defaults.settings(), AppSettings{});
  }

  void widgetsShowTheSettings() {
    SettingsDialog dialog(nonDefaultSettings(), devices());
    QCOMPARE(widget<QComboBox>(dialog, "deviceCombo")->currentText(),
             QStringLiteral("llvmpipe — 2.0 GiB, software, runs on the CPU"));
    QCOMPARE(widget<QComboBox>(dialog, "faceModelCombo")->currentText(),
             QStringLiteral("GFPGAN v1.3"));
    QCOMPARE(widget<QComboBox>(dialog, "languageCombo")->currentText(), QStringLiteral("简体中文"));
    QVERIFY(!widget<QCheckBox>(dialog, "tileAutoCheck")->isChecked());
    QVERIFY(widget<QSpinBox>(dialog, "tileSizeSpin")->isEnabled());
    QCOMPARE(widget<QSpinBox>(dialog, "tileSizeSpin")->value(), 512);
  }

  void eachWidgetEditsItsField() {
    const AppSettings start;
    SettingsDialog dialog(start, devices());
    AppSettings want = start;

    QCheckBox* half = widget<QCheckBox>(dialog, "halfPrecisionCheck");
    QVERIFY(half->isEnabled());  // "auto" may pick a GPU
    half->setChecked(true);
    want.halfPrecision = true;
    QCOMPARE(dialog.settings(), want);

    QVERIFY(choose(widget<QComboBox>(dialog, "deviceCombo"), QStringLiteral("cpu")));
    want.device = QStringLiteral("cpu");
    QCOMPARE(dialog.settings(), want);
    QVERIFY(!half->isEnabled());  // the CPU always computes in full precision
    QVERIFY(choose(widget<QComboBox>(dialog, "deviceCombo"), QStringLiteral("vulkan:1")));
    QVERIFY(half->isEnabled());
    QVERIFY(choose(widget<QComboBox>(dialog, "deviceCombo"), QStringLiteral("cpu")));

    widget<QDoubleSpinBox>(dialog, "upscaleSpin")->setValue(4.25);
    want.upscale = 4.25;
    QCOMPARE(dialog.settings(), want);

    widget<QCheckBox>(dialog, "tileAutoCheck")->setChecked(false);
    QVERIFY(widget<QSpinBox>(dialog, "tileSizeSpin")->isEnabled());
    widget<QSpinBox>(dialog, "tileSizeSpin")->setValue(256);
    want.tileSize = 256;
    QCOMPARE(dialog.settings(), want);

    widget<QSpinBox>(dialog, "tilePadSpin")->setValue(64);
    want.tilePad = 64;
    QCOMPARE(dialog.settings(), want);

    widget<QSpinBox>(dialog, "maxMegapixelsSpin")->setValue(0);
    want.maxMegapixels = 0;
    QCOMPARE(dialog.settings(), want);

    widget<QCheckBox>(dialog, "centerFaceCheck")->setChecked(true);
    want.onlyCenterFace = true;
    QCOMPARE(dialog.settings(), want);

    QVERIFY(choose(widget<QComboBox>(dialog, "noiseCombo"), true));
    want.randomNoise = true;
    QCOMPARE(dialog.settings(), want);

    QVERIFY(choose(widget<QComboBox>(dialog, "faceModelCombo"), QStringLiteral("gfpgan-v1.3")));
    want.faceModel = QStringLiteral("gfpgan-v1.3");
    QCOMPARE(dialog.settings(), want);

    QVERIFY(choose(widget<QComboBox>(dialog, "detectorCombo"),
                   QStringLiteral("retinaface-mobilenet0.25")));
    want.detector = QStringLiteral("retinaface-mobilenet0.25");
    QCOMPARE(dialog.settings(), want);

    QVERIFY(
        choose(widget<QComboBox>(dialog, "backgroundCombo"), QStringLiteral("realesrgan-x4plus")));
    want.backgroundModel = QStringLiteral("realesrgan-x4plus");
    QCOMPARE(dialog.settings(), want);

    widget<QLineEdit>(dialog, "outputFolderEdit")->setText(QStringLiteral("out"));
    want.outputFolder = QStringLiteral("out");
    QCOMPARE(dialog.settings(), want);

    QVERIFY(choose(widget<QComboBox>(dialog, "formatCombo"), QStringLiteral("jpg")));
    want.format = QStringLiteral("jpg");
    QCOMPARE(dialog.settings(), want);

    widget<QSpinBox>(dialog, "qualitySpin")->setValue(70);
    want.quality = 70;
    QCOMPARE(dialog.settings(), want);

    widget<QLineEdit>(dialog, "suffixEdit")->setText(QStringLiteral("restored"));
    want.suffix = QStringLiteral("restored");
    QCOMPARE(dialog.settings(), want);

    QVERIFY(choose(widget<QComboBox>(dialog, "languageCombo"), QStringLiteral("en")));
    want.language = QStringLiteral("en");
    QCOMPARE(dialog.settings(), want);

    widget<QCheckBox>(dialog, "tileAutoCheck")->setChecked(true);
    QVERIFY(!widget<QSpinBox>(dialog, "tileSizeSpin")->isEnabled());
    want.tileSize = 0;
    QCOMPARE(dialog.settings(), want);
  }

  void backgroundNoneIsEmpty() {
    AppSettings s;
    s.backgroundModel = QStringLiteral("realesrgan-x2plus");
    SettingsDialog dialog(s, devices());
    auto* combo = widget<QComboBox>(dialog, "backgroundCombo");
    QCOMPARE(combo->itemData(0).toString(), QString());
    QVERIFY(combo->itemText(0).startsWith(QStringLiteral("None")));
    combo->setCurrentIndex(0);
    emit combo->activated(0);
    QCOMPARE(dialog.settings().backgroundModel, QString());
  }

  void unknownDeviceIsPreserved() {
    AppSettings s;
    s.device = QStringLiteral("vulkan:7");
    SettingsDialog dialog(s, devices());
    auto* combo = widget<QComboBox>(dialog, "deviceCombo");
    QCOMPARE(combo->count(), devices().size() + 1);
    QCOMPARE(combo->currentText(), QStringLiteral("Unavailable device (vulkan:7)"));
    QCOMPARE(dialog.settings(), s);
    // Still there to go back to after picking another device.
    QVERIFY(choose(combo, QStringLiteral("auto")));
    QCOMPARE(dialog.settings().device, QStringLiteral("auto"));
    QVERIFY(choose(combo, QStringLiteral("vulkan:7")));
    QCOMPARE(dialog.settings().device, QStringLiteral("vulkan:7"));
  }

  void modelFilePathRoundTrips() {
    AppSettings s;
    s.faceModel = QStringLiteral("/models/My GFPGAN.pth");
    s.detector = QStringLiteral("retinaface-unknown");  // an id the catalog does not know
    s.backgroundModel = QStringLiteral("/models/x4.safetensors");
    SettingsDialog dialog(s, devices());
    QCOMPARE(dialog.settings(), s);
    auto* face = widget<QComboBox>(dialog, "faceModelCombo");
    QCOMPARE(face->currentText(), QDir::toNativeSeparators(s.faceModel));
    // Another model and back.
    QVERIFY(choose(face, QStringLiteral("gfpgan-v1.4")));
    QCOMPARE(dialog.settings().faceModel, QStringLiteral("gfpgan-v1.4"));
    QVERIFY(choose(face, s.faceModel));
    QCOMPARE(dialog.settings(), s);
  }

  void otherFileAsksForAFile() {
    SettingsDialog dialog(AppSettings{}, devices());
    QString answer = QStringLiteral("/elsewhere/GFPGANv1.3.pth");
    int asked = 0;
    dialog.setModelFileChooser([&](QWidget*, const QString&) {
      ++asked;
      return answer;
    });
    auto* face = widget<QComboBox>(dialog, "faceModelCombo");
    const int other = findText(face, QStringLiteral("Other file"));
    QVERIFY(other >= 0);
    QCOMPARE(other, face->count() - 1);
    face->setCurrentIndex(other);
    emit face->activated(other);
    QCOMPARE(asked, 1);
    QCOMPARE(dialog.settings().faceModel, answer);
    QCOMPARE(face->currentText(), QDir::toNativeSeparators(answer));

    // Cancelling goes back to the entry chosen before.
    answer.clear();
    const int otherNow = findText(face, QStringLiteral("Other file"));
    face->setCurrentIndex(otherNow);
    emit face->activated(otherNow);
    QCOMPARE(asked, 2);
    QCOMPARE(dialog.settings().faceModel, QStringLiteral("/elsewhere/GFPGANv1.3.pth"));

    // The detector and the background have it too.
    answer = QStringLiteral("/elsewhere/detector.safetensors");
    for (const char* name : {"detectorCombo", "backgroundCombo"}) {
      auto* combo = widget<QComboBox>(dialog, name);
      const int i = findText(combo, QStringLiteral("Other file"));
      QVERIFY(i >= 0);
      combo->setCurrentIndex(i);
      emit combo->activated(i);
    }
    QCOMPARE(dialog.settings().detector, answer);
    QCOMPARE(dialog.settings().backgroundModel, answer);
  }

  void browseFillsTheOutputFolder() {
    SettingsDialog dialog(AppSettings{}, devices());
    dialog.setFolderChooser([](QWidget*, const QString&) { return QStringLiteral("/photos/out"); });
    QVERIFY(widget<QLineEdit>(dialog, "outputFolderEdit")->placeholderText().contains("restored"));
    widget<QPushButton>(dialog, "outputFolderBrowse")->click();
    QCOMPARE(QDir::fromNativeSeparators(dialog.settings().outputFolder),
             QStringLiteral("/photos/out"));
  }

  void restoreDefaultsShowsTheDefaults() {
    AppSettings s = nonDefaultSettings();
    s.device = QStringLiteral("vulkan:9");          // not offered
    s.faceModel = QStringLiteral("/models/a.pth");  // a file
    SettingsDialog dialog(s, devices());
    widget<QPushButton>(dialog, "restoreDefaultsButton")->click();
    QCOMPARE(dialog.settings(), AppSettings{});
    QVERIFY(widget<QCheckBox>(dialog, "tileAutoCheck")->isChecked());
    QVERIFY(!widget<QSpinBox>(dialog, "tileSizeSpin")->isEnabled());
  }

  void qualityOnlyForLossyFormats() {
    SettingsDialog dialog(AppSettings{}, devices());
    auto* format = widget<QComboBox>(dialog, "formatCombo");
    auto* quality = widget<QSpinBox>(dialog, "qualitySpin");
    const QStringList values = {"auto", "png", "jpg", "webp"};
    QCOMPARE(format->count(), values.size());
    for (const QString& value : values) {
      QVERIFY(choose(format, value));
      QCOMPARE(quality->isEnabled(), value != QLatin1String("png"));
    }
    AppSettings png;
    png.format = QStringLiteral("png");
    SettingsDialog pngDialog(png, devices());
    QVERIFY(!widget<QSpinBox>(pngDialog, "qualitySpin")->isEnabled());
  }

  void upscaleKeepsItsPrecisionWhenUntouched() {
    AppSettings s;
    s.upscale = 2.3333;
    SettingsDialog dialog(s, devices());
    QCOMPARE(dialog.settings().upscale, 2.3333);
    widget<QDoubleSpinBox>(dialog, "upscaleSpin")->setValue(3.0);
    QCOMPARE(dialog.settings().upscale, 3.0);
  }

  void everyInputHasItsName() {
    SettingsDialog dialog(AppSettings{}, devices());
    for (const char* name : {"deviceCombo", "noiseCombo", "faceModelCombo", "detectorCombo",
                             "backgroundCombo", "formatCombo", "languageCombo"})
      QVERIFY2(dialog.findChild<QComboBox*>(QLatin1String(name)), name);
    for (const char* name : {"tileSizeSpin", "tilePadSpin", "maxMegapixelsSpin", "qualitySpin"})
      QVERIFY2(dialog.findChild<QSpinBox*>(QLatin1String(name)), name);
    for (const char* name : {"tileAutoCheck", "centerFaceCheck"})
      QVERIFY2(dialog.findChild<QCheckBox*>(QLatin1String(name)), name);
    for (const char* name : {"outputFolderEdit", "suffixEdit"})
      QVERIFY2(dialog.findChild<QLineEdit*>(QLatin1String(name)), name);
    QVERIFY(dialog.findChild<QDoubleSpinBox*>(QStringLiteral("upscaleSpin")));
  }
};

QTEST_MAIN(TestSettingsDialog)
#include "test_settings_dialog.moc"
