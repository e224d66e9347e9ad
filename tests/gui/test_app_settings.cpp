// AppSettings: defaults, persistence through an INI file, and falling back to the default for
// each invalid stored value.
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QStringList>
#include <QTemporaryDir>
#include <QtTest>

#include "app/gui/app_settings.h"
#include "tests/gui/gui_test_support.h"

using fr::gui::AppSettings;

namespace {

// Every field differs from its default, and every value is valid.
AppSettings nonDefaultSettings() {
  AppSettings s;
  s.device = QStringLiteral("vulkan:1");
  s.halfPrecision = true;
  s.faceModel = QStringLiteral("/models/GFPGANv1.3.pth");
  s.detector = QStringLiteral("retinaface-mobilenet");
  s.backgroundModel = QStringLiteral("realesr-general-x4v3");
  s.upscale = 3.5;
  s.tileSize = 512;
  s.tilePad = 32;
  s.onlyCenterFace = true;
  s.randomNoise = true;
  s.maxMegapixels = 250;
  s.outputFolder = QStringLiteral("photos, restored; ünïcode = yes");
  s.format = QStringLiteral("webp");
  s.quality = 80;
  s.suffix = QStringLiteral("_fixed");
  s.language = QStringLiteral("zh_CN");
  return s;
}

}  // namespace

class TestAppSettings : public QObject {
  Q_OBJECT

 private slots:
  void init() { QVERIFY(dir_.isValid()); }

  void defaultsWhenStoreIsEmpty() {
    QSettings store(path("empty.ini"), QSettings::IniFormat);
    QVERIFY(store.allKeys().isEmpty());
    QCOMPARE(AppSettings::load(store), AppSettings());
  }

  void nonDefaultSettingsDifferInEveryField() {
    // Guards the round trip below: it only proves something for fields that differ.
    const AppSettings d;
    const AppSettings s = nonDefaultSettings();
    const QStringList same = fr::gui::equalFields(s, d);
    QVERIFY2(same.isEmpty(), qPrintable(same.join(", ")));
  }

  void roundTripThroughIniFile() {
    const AppSettings saved = nonDefaultSettings();
    const QString written = path("written.ini");
    {
      QSettings store(written, QSettings::IniFormat);
      saved.save(store);
      store.sync();
      QCOMPARE(store.status(), QSettings::NoError);
      QCOMPARE(AppSettings::load(store), saved);
    }
    // QSettings caches typed values per file within a process; a copy of the file under another
    // name is parsed from its text, as in the next session.
    const QString copy = path("copy.ini");
    QVERIFY(QFile::copy(written, copy));
    QSettings store(copy, QSettings::IniFormat);
    QCOMPARE(AppSettings::load(store), saved);
  }

  void saveOverwritesEveryField() {
    QSettings store(path("overwrite.ini"), QSettings::IniFormat);
    nonDefaultSettings().save(store);
    AppSettings().save(store);
    QCOMPARE(AppSettings::load(store), AppSettings());
  }

  void keysAreGrouped() {
    QSettings store(path("keys.ini"), QSettings::IniFormat);
    AppSettings().save(store);
    const QStringList keys = store.allKeys();
    QVERIFY(keys.size() >= 14);  // one key per field
    const QStringList groups{"models", "processing", "output", "interface"};
    for (const QString& key : keys) {
      const QStringList parts = key.split(QLatin1Char('/'));
      QVERIFY2(parts.size() == 2 && groups.contains(parts[0]), qPrintable(key));
    }
  }

  // Each invalid value falls back to its field's default; every other field keeps its stored
  // (non-default) value.
  void invalidValueFallsBackToDefault_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<AppSettings>("expected");

    const AppSettings d;
    auto add = [&](const char* name, const char* key, const QVariant& value, auto member) {
      AppSettings expected = nonDefaultSettings();
      expected.*member = d.*member;
      QTest::newRow(name) << QString::fromLatin1(key) << value << expected;
    };
    const QStringList list{"a", "b"};

    add("device unknown", "processing/device", "gpu", &AppSettings::device);
    add("device plain vulkan", "processing/device", "vulkan", &AppSettings::device);
    add("device empty", "processing/device", "", &AppSettings::device);
    add("device upper case", "processing/device", "CPU", &AppSettings::device);
    add("device no index", "processing/device", "vulkan:", &AppSettings::device);
    add("device negative", "processing/device", "vulkan:-1", &AppSettings::device);
    add("device by name", "processing/device", "vulkan:radeon", &AppSettings::device);
    add("device uuid with dashes", "processing/device",
        "vulkan:00112233-4455-6677-8899-aabbccddeeff", &AppSettings::device);
    add("device index overflows", "processing/device", "vulkan:99999999999", &AppSettings::device);
    add("device trailing text", "processing/device", "vulkan:0 ", &AppSettings::device);
    add("device list", "processing/device", list, &AppSettings::device);

    add("face model empty", "models/face", "", &AppSettings::faceModel);
    add("face model list", "models/face", list, &AppSettings::faceModel);
    add("detector empty", "models/detector", "", &AppSettings::detector);
    add("background list", "models/background", list, &AppSettings::backgroundModel);

    add("upscale below 1", "processing/upscale", 0.5, &AppSettings::upscale);
    add("upscale above 16", "processing/upscale", 16.5, &AppSettings::upscale);
    add("upscale string", "processing/upscale", "big", &AppSettings::upscale);
    add("upscale nan", "processing/upscale", "nan", &AppSettings::upscale);
    add("upscale inf", "processing/upscale", "inf", &AppSettings::upscale);
    add("upscale bool", "processing/upscale", true, &AppSettings::upscale);

    add("tile size below 32", "processing/tileSize", 31, &AppSettings::tileSize);
    add("tile size negative", "processing/tileSize", -1, &AppSettings::tileSize);
    add("tile size above 4096", "processing/tileSize", 4097, &AppSettings::tileSize);
    add("tile size fraction", "processing/tileSize", 64.5, &AppSettings::tileSize);
    add("tile size string", "processing/tileSize", "large", &AppSettings::tileSize);
    add("tile size empty", "processing/tileSize", "", &AppSettings::tileSize);
    add("tile pad negative", "processing/tilePad", -1, &AppSettings::tilePad);
    add("tile pad above 256", "processing/tilePad", 257, &AppSettings::tilePad);
    add("tile pad string", "processing/tilePad", "ten", &AppSettings::tilePad);
    add("megapixels negative", "processing/maxMegapixels", -1, &AppSettings::maxMegapixels);
    add("megapixels string", "processing/maxMegapixels", "many", &AppSettings::maxMegapixels);

    add("only center face string", "processing/onlyCenterFace", "maybe",
        &AppSettings::onlyCenterFace);
    add("only center face 2", "processing/onlyCenterFace", 2, &AppSettings::onlyCenterFace);
    add("random noise string", "processing/randomNoise", "yes please", &AppSettings::randomNoise);
    add("half precision string", "processing/halfPrecision", "half", &AppSettings::halfPrecision);

    add("folder list", "output/folder", list, &AppSettings::outputFolder);
    add("format unknown", "output/format", "gif", &AppSettings::format);
    add("format upper case", "output/format", "PNG", &AppSettings::format);
    add("format jpeg spelling", "output/format", "jpeg", &AppSettings::format);
    add("quality 0", "output/quality", 0, &AppSettings::quality);
    add("quality 101", "output/quality", 101, &AppSettings::quality);
    add("quality string", "output/quality", "high", &AppSettings::quality);
    add("suffix list", "output/suffix", list, &AppSettings::suffix);

    add("language unknown", "interface/language", "fr", &AppSettings::language);
    add("language without region", "interface/language", "zh", &AppSettings::language);
    add("language number", "interface/language", 5, &AppSettings::language);
  }

  void invalidValueFallsBackToDefault() {
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QFETCH(AppSettings, expected);
    const QString file = path(QStringLiteral("invalid.ini"));
    {
      QSettings store(file, QSettings::IniFormat);
      nonDefaultSettings().save(store);
      QVERIFY(store.contains(key));
      store.setValue(key, value);
    }
    // Read back from the file's text, as a later session would.
    const QString copy = path(QStringLiteral("invalid-copy.ini"));
    QVERIFY(QFile::copy(file, copy));
    QSettings store(copy, QSettings::IniFormat);
    QCOMPARE(AppSettings::load(store), expected);
  }

  // Boundary and alternative spellings that are valid are kept.
  void validValueIsKept_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<AppSettings>("expected");

    auto add = [&](const char* name, const char* key, const QVariant& value, auto member,
                   auto kept) {
      AppSettings expected = nonDefaultSettings();
      expected.*member = kept;
      QTest::newRow(name) << QString::fromLatin1(key) << value << expected;
    };

    add("device auto", "processing/device", "auto", &AppSettings::device, "auto");
    add("device cpu", "processing/device", "cpu", &AppSettings::device, "cpu");
    add("device vulkan:0", "processing/device", "vulkan:0", &AppSettings::device, "vulkan:0");
    add("device vulkan:12", "processing/device", "vulkan:12", &AppSettings::device, "vulkan:12");
    add("device by identity", "processing/device", "vulkan:00112233445566778899aabbccddeeff",
        &AppSettings::device, "vulkan:00112233445566778899aabbccddeeff");
    add("background empty", "models/background", "", &AppSettings::backgroundModel, "");
    add("upscale 1", "processing/upscale", 1, &AppSettings::upscale, 1.0);
    add("upscale 16", "processing/upscale", 16.0, &AppSettings::upscale, 16.0);
    add("upscale as text", "processing/upscale", "1.25", &AppSettings::upscale, 1.25);
    add("tile size 0", "processing/tileSize", 0, &AppSettings::tileSize, 0);
    add("tile size 32", "processing/tileSize", 32, &AppSettings::tileSize, 32);
    add("tile size 4096", "processing/tileSize", 4096, &AppSettings::tileSize, 4096);
    add("tile size as text", "processing/tileSize", "256", &AppSettings::tileSize, 256);
    add("tile pad 0", "processing/tilePad", 0, &AppSettings::tilePad, 0);
    add("tile pad 256", "processing/tilePad", 256, &AppSettings::tilePad, 256);
    add("no megapixel limit", "processing/maxMegapixels", 0, &AppSettings::maxMegapixels, 0);
    add("only center face 0", "processing/onlyCenterFace", 0, &AppSettings::onlyCenterFace, false);
    add("random noise false", "processing/randomNoise", "false", &AppSettings::randomNoise, false);
    add("half precision true", "processing/halfPrecision", "true", &AppSettings::halfPrecision,
        true);
    add("folder empty", "output/folder", "", &AppSettings::outputFolder, "");
    add("format auto", "output/format", "auto", &AppSettings::format, "auto");
    add("format png", "output/format", "png", &AppSettings::format, "png");
    add("format jpg", "output/format", "jpg", &AppSettings::format, "jpg");
    add("quality 1", "output/quality", 1, &AppSettings::quality, 1);
    add("quality 100", "output/quality", 100, &AppSettings::quality, 100);
    add("suffix empty", "output/suffix", "", &AppSettings::suffix, "");
    add("language system", "interface/language", "", &AppSettings::language, "");
    add("language en", "interface/language", "en", &AppSettings::language, "en");
  }

  void validValueIsKept() {
    QFETCH(QString, key);
    QFETCH(QVariant, value);
    QFETCH(AppSettings, expected);
    const QString file = path(QStringLiteral("valid.ini"));
    {
      QSettings store(file, QSettings::IniFormat);
      nonDefaultSettings().save(store);
      store.setValue(key, value);
    }
    const QString copy = path(QStringLiteral("valid-copy.ini"));
    QVERIFY(QFile::copy(file, copy));
    QSettings store(copy, QSettings::IniFormat);
    QCOMPARE(AppSettings::load(store), expected);
  }

  void missingKeyFallsBackToDefault() {
    QSettings store(path("missing.ini"), QSettings::IniFormat);
    nonDefaultSettings().save(store);
    store.remove(QStringLiteral("output/quality"));
    AppSettings expected = nonDefaultSettings();
    expected.quality = AppSettings().quality;
    QCOMPARE(AppSettings::load(store), expected);
  }

 private:
  // A file name unique to this test function and data row, in a directory removed at the end.
  QString path(const QString& name) const {
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9]"));
    const QString row = QString::fromLatin1(QTest::currentDataTag()).replace(unsafe, "_");
    return dir_.filePath(QString::fromLatin1(QTest::currentTestFunction()) + '-' + row + '-' +
                         name);
  }

  QTemporaryDir dir_;
};

QTEST_GUILESS_MAIN(TestAppSettings)
#include "test_app_settings.moc"
