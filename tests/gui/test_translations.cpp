// The interface's languages: resolveLanguage from settings and system locales, installing the
// embedded translations, and the Qt Linguist files themselves (resources/translations): every
// Simplified Chinese string translated, English plural forms filled in, and both files up to
// date with the sources (scripts/update-translations --check).
#include <algorithm>

#include <QCoreApplication>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QStringList>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include "app/gui/translations.h"

using fr::gui::installTranslations;
using fr::gui::resolveLanguage;

namespace {

// One <message> of a .ts file.
struct TsMessage {
  QString context;
  QString source;
  QString comment;  // the disambiguation (tr()'s second argument), part of the lookup
  bool numerus = false;
  QString type;              // the <translation>'s type: "" when finished, "unfinished", …
  QStringList translations;  // one, or the numerus forms
  QString label() const { return context + QStringLiteral(": \"") + source + QLatin1Char('"'); }
};

QString tsPath(const QString& language) {
  return QStringLiteral(FACERESTORE_SOURCE_DIR "/resources/translations/facerestore_%1.ts")
      .arg(language);
}

// The messages of a .ts file; fails the test when it cannot be read or parsed.
QVector<TsMessage> readTs(const QString& path) {
  QVector<TsMessage> messages;
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    QTest::qFail(qPrintable(QStringLiteral("cannot read %1").arg(path)), __FILE__, __LINE__);
    return messages;
  }
  QXmlStreamReader xml(&file);
  QString context;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == QLatin1String("name")) {  // of a <context>
      context = xml.readElementText();
    } else if (xml.name() == QLatin1String("message")) {
      TsMessage m;
      m.context = context;
      m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
      while (xml.readNextStartElement()) {
        if (xml.name() == QLatin1String("source")) {
          m.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("comment")) {
          m.comment = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
          m.type = xml.attributes().value(QLatin1String("type")).toString();
          if (m.numerus) {
            while (xml.readNextStartElement()) m.translations << xml.readElementText();
          } else {
            m.translations << xml.readElementText();
          }
        } else {
          xml.skipCurrentElement();
        }
      }
      messages << m;
    }
  }
  if (xml.hasError()) {
    QTest::qFail(qPrintable(QStringLiteral("%1: %2").arg(path, xml.errorString())), __FILE__,
                 __LINE__);
  }
  return messages;
}

// The placeholders (%1 … %99, %n, %Ln) of a text, sorted; each once.
QStringList placeholders(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("%(L?n|[1-9][0-9]?)"));
  QSet<QString> found;
  for (auto it = pattern.globalMatch(text); it.hasNext();) found << it.next().captured(0);
  QStringList list(found.begin(), found.end());
  list.sort();
  return list;
}

// The accelerator key of a text with a mnemonic ("&File" → "f"), or "" when it has none. "&&"
// is a literal ampersand, and "&lt;"-like entities and "& " are not mnemonics.
QString accelerator(const QString& text) {
  static const QRegularExpression pattern(QStringLiteral("&([^\\s])(?![a-z]+;)"));
  const auto match = pattern.match(QString(text).replace(QStringLiteral("&&"), QString()));
  return match.hasMatch() ? match.captured(1).toLower() : QString();
}

// What QCoreApplication::translate gives for a numerus form shown for `n`.
QString withCount(QString form, int n) {
  return form.replace(QStringLiteral("%n"), QString::number(n));
}

// Fails when there are `problems` with `file`: each is printed as a warning, and the failure
// message (which QtTest truncates to about 1000 characters) names as many as fit.
void verifyNoProblems(const QString& file, const QStringList& problems) {
  if (problems.isEmpty()) return;
  for (const QString& p : problems) qWarning().noquote() << file + QStringLiteral(": ") + p;
  // One arg() call: the problems quote source texts, which hold placeholders of their own.
  const QString message =
      QStringLiteral("%1: %2 problem(s), listed above:\n  %3")
          .arg(file, QString::number(problems.size()), problems.join(QStringLiteral("\n  ")));
  QTest::qFail(qPrintable(message), __FILE__, __LINE__);
}

void removeTranslators() {
  for (QTranslator* t : QCoreApplication::instance()->findChildren<QTranslator*>()) {
    QCoreApplication::removeTranslator(t);
    delete t;
  }
}

}  // namespace

class TranslationsTest : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { removeTranslators(); }

  void resolveLanguage_data() {
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("system");
    QTest::addColumn<QString>("expected");
    // An explicit choice wins over the system.
    QTest::newRow("zh_CN on English") << "zh_CN"
                                      << "en_US"
                                      << "zh_CN";
    QTest::newRow("en on Chinese") << "en"
                                   << "zh_CN"
                                   << "en";
    QTest::newRow("zh_CN on Taiwan") << "zh_CN"
                                     << "zh_TW"
                                     << "zh_CN";
    // Following the system: Chinese in the simplified script.
    QTest::newRow("zh_CN") << ""
                           << "zh_CN"
                           << "zh_CN";
    QTest::newRow("zh_SG") << ""
                           << "zh_SG"
                           << "zh_CN";
    QTest::newRow("zh") << ""
                        << "zh"
                        << "zh_CN";
    QTest::newRow("zh_Hans") << ""
                             << "zh_Hans"
                             << "zh_CN";
    QTest::newRow("zh_Hans_HK") << ""
                                << "zh_Hans_HK"
                                << "zh_CN";
    // Traditional script: English (no Traditional Chinese translation).
    QTest::newRow("zh_TW") << ""
                           << "zh_TW"
                           << "en";
    QTest::newRow("zh_HK") << ""
                           << "zh_HK"
                           << "en";
    QTest::newRow("zh_MO") << ""
                           << "zh_MO"
                           << "en";
    QTest::newRow("zh_Hant") << ""
                             << "zh_Hant"
                             << "en";
    // Everything else: English.
    QTest::newRow("en_US") << ""
                           << "en_US"
                           << "en";
    QTest::newRow("en_GB") << ""
                           << "en_GB"
                           << "en";
    QTest::newRow("de_DE") << ""
                           << "de_DE"
                           << "en";
    QTest::newRow("ja_JP") << ""
                           << "ja_JP"
                           << "en";
    QTest::newRow("C") << ""
                       << "C"
                       << "en";
    // A value this version does not know follows the system.
    QTest::newRow("unknown setting on Chinese") << "fr"
                                                << "zh_CN"
                                                << "zh_CN";
    QTest::newRow("unknown setting on German") << "zh_TW"
                                               << "de_DE"
                                               << "en";
  }

  void resolveLanguage() {
    QFETCH(QString, setting);
    QFETCH(QString, system);
    QFETCH(QString, expected);
    QCOMPARE(fr::gui::resolveLanguage(setting, QLocale(system)), expected);
  }

  void chineseIsInstalled() {
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
    // owned by the application
    QVERIFY(!QCoreApplication::instance()->findChildren<QTranslator*>().isEmpty());
    QCOMPARE(QCoreApplication::translate("fr::gui::MainWindow", "&File"),
             QStringLiteral("文件(&F)"));
    QCOMPARE(QCoreApplication::translate("fr::gui::SettingsDialog", "Settings"),
             QStringLiteral("设置"));
  }

  void englishIsTheSourceText() {
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
    QCOMPARE(QCoreApplication::translate("fr::gui::MainWindow", "&File"), QStringLiteral("&File"));
    QCOMPARE(QCoreApplication::translate("fr::gui::SettingsDialog", "Settings"),
             QStringLiteral("Settings"));
  }

  void unknownLanguageInstallsNothing() {
    QVERIFY(!installTranslations(*QCoreApplication::instance(), QStringLiteral("fr")));
    QVERIFY(QCoreApplication::instance()->findChildren<QTranslator*>().isEmpty());
    QCOMPARE(QCoreApplication::translate("fr::gui::MainWindow", "&File"), QStringLiteral("&File"));
  }

  // Qt's own strings (standard buttons) follow, from qttranslations5-l10n.
  void qtStringsAreTranslated() {
    const QString qtFile =
        QLibraryInfo::location(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_zh_CN.qm");
    if (!QFile::exists(qtFile)) QSKIP("Qt's translations are not installed (qttranslations5-l10n)");
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
  }

  // The check that keeps Simplified Chinese complete: every message is translated (finished),
  // keeps the source's placeholders and accelerator key, and is what the application gets.
  void chineseIsComplete() {
    const QVector<TsMessage> messages = readTs(tsPath(QStringLiteral("zh_CN")));
    QVERIFY(!messages.isEmpty());
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("zh_CN")));
    QStringList problems;
    for (const TsMessage& m : messages) {
      const bool empty =
          m.translations.isEmpty() || std::any_of(m.translations.begin(), m.translations.end(),
                                                  [](const QString& t) { return t.isEmpty(); });
      if (!m.type.isEmpty() || empty) {
        problems << QStringLiteral("not translated: ") + m.label();
        continue;
      }
      for (const QString& t : m.translations) {
        if (placeholders(t) != placeholders(m.source)) {
          problems << QStringLiteral("placeholders differ: %1 → \"%2\"").arg(m.label(), t);
        }
        if (accelerator(t) != accelerator(m.source)) {
          problems << QStringLiteral("accelerator differs: %1 → \"%2\"").arg(m.label(), t);
        }
      }
      const QByteArray context = m.context.toUtf8();
      const QByteArray source = m.source.toUtf8();
      const QByteArray comment = m.comment.toUtf8();
      const char* disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
      const int n = m.numerus ? 3 : -1;
      const QString shown =
          QCoreApplication::translate(context.constData(), source.constData(), disambiguation, n);
      const QString expected = m.numerus ? withCount(m.translations.first(), n) : m.translations[0];
      if (shown != expected) {
        problems << QStringLiteral("the application shows \"%1\" for %2").arg(shown, m.label());
      }
    }
    verifyNoProblems(QStringLiteral("resources/translations/facerestore_zh_CN.ts"), problems);
  }

  // English is the source text, except plural forms, which must be filled in ("%n photo",
  // "%n photos").
  void englishPluralsAreComplete() {
    const QVector<TsMessage> messages = readTs(tsPath(QStringLiteral("en")));
    QVERIFY(!messages.isEmpty());
    QVERIFY(installTranslations(*QCoreApplication::instance(), QStringLiteral("en")));
    QStringList problems;
    for (const TsMessage& m : messages) {
      if (!m.numerus) continue;
      if (!m.type.isEmpty() || m.translations.size() != 2 || m.translations[0].isEmpty() ||
          m.translations[1].isEmpty()) {
        problems << QStringLiteral("plural forms not filled in: ") + m.label();
        continue;
      }
      const QByteArray context = m.context.toUtf8();
      const QByteArray source = m.source.toUtf8();
      const QByteArray comment = m.comment.toUtf8();
      const char* disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
      for (int n : {1, 2}) {
        const QString shown =
            QCoreApplication::translate(context.constData(), source.constData(), disambiguation, n);
        const QString expected = withCount(m.translations[n == 1 ? 0 : 1], n);
        if (shown != expected) {
          problems << QStringLiteral("the application shows \"%1\" for %2 with n = %3")
                          .arg(shown, m.label(), QString::number(n));
        }
      }
    }
    verifyNoProblems(QStringLiteral("resources/translations/facerestore_en.ts"), problems);
  }

  // The .ts files hold exactly the strings of the sources: a tr() added since
  // scripts/update-translations last ran would otherwise stay English unnoticed.
  void filesMatchTheSources() {
    const QString bash = QStandardPaths::findExecutable(QStringLiteral("bash"));
    if (bash.isEmpty()) QSKIP("no bash to run scripts/update-translations");
    QProcess script;
    script.setProcessChannelMode(QProcess::MergedChannels);
    script.start(bash, {QStringLiteral(FACERESTORE_SOURCE_DIR "/scripts/update-translations"),
                        QStringLiteral("--check")});
    QVERIFY(script.waitForFinished(120000));
    const QString output = QString::fromUtf8(script.readAll());
    if (script.exitStatus() == QProcess::NormalExit && script.exitCode() == 3) {
      QSKIP(qPrintable(output.trimmed()));
    }
    QVERIFY2(script.exitStatus() == QProcess::NormalExit && script.exitCode() == 0,
             qPrintable(QStringLiteral("scripts/update-translations --check:\n") + output));
  }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "test_translations.moc"
