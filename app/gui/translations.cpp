#include "app/gui/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QStringList>
#include <QTranslator>

// Registers the embedded .qm files (app/CMakeLists.txt's facerestore_translations.qrc). They are
// compiled into the static library gui_widgets, whose unreferenced objects the linker drops, so
// the resource is registered explicitly. Q_INIT_RESOURCE declares the registration function in
// the enclosing namespace, so it must be used outside any namespace.
static void initTranslationResources() {
  static const bool registered = [] {
    Q_INIT_RESOURCE(facerestore_translations);
    return true;
  }();
  Q_UNUSED(registered);
}

namespace fr::gui {
namespace {

// Simplified Chinese: the simplified script, or no script given and not a region that writes
// the traditional one.
bool isSimplifiedChinese(const QLocale& locale) {
  if (locale.language() != QLocale::Chinese) return false;
  switch (locale.script()) {
    case QLocale::SimplifiedHanScript:
      return true;
    case QLocale::TraditionalHanScript:
      return false;
    default:
      break;
  }
  const QLocale::Country country = locale.country();
  return country != QLocale::Taiwan && country != QLocale::HongKong && country != QLocale::Macau;
}

// A translator owned by `app` with `name`.qm from the first of `folders` that has it, or null.
QTranslator* loadTranslator(QCoreApplication& app, const QString& name,
                            const QStringList& folders) {
  auto* translator = new QTranslator(&app);
  for (const QString& folder : folders) {
    if (translator->load(QDir(folder).filePath(name + QStringLiteral(".qm")))) return translator;
  }
  delete translator;
  return nullptr;
}

}  // namespace

QString resolveLanguage(const QString& setting, const QLocale& system) {
  const QString english = QStringLiteral("en");
  const QString chinese = QStringLiteral("zh_CN");
  if (setting == english || setting == chinese) return setting;
  QStringList preferred = system.uiLanguages();
  if (preferred.isEmpty()) preferred << system.name();
  for (const QString& tag : preferred) {
    const QLocale locale(tag);
    if (locale.language() == QLocale::English) return english;
    if (isSimplifiedChinese(locale)) return chinese;
  }
  return english;
}

bool installTranslations(QCoreApplication& app, const QString& language) {
  initTranslationResources();
  QTranslator* ours = loadTranslator(app, QStringLiteral("facerestore_") + language,
                                     {QStringLiteral(":/translations")});
  if (!ours) return false;
  const QStringList qtFolders = {
      QLibraryInfo::location(QLibraryInfo::TranslationsPath),
      QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("translations"))};
  QTranslator* qt = loadTranslator(app, QStringLiteral("qtbase_") + language, qtFolders);
  if (!qt) qt = loadTranslator(app, QStringLiteral("qt_") + language, qtFolders);
  if (qt) QCoreApplication::installTranslator(qt);
  // Installed last, so searched first.
  QCoreApplication::installTranslator(ours);
  return true;
}

}  // namespace fr::gui
