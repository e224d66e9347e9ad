// The user interface's languages: English (the source language of every tr() string) and
// Simplified Chinese. Their Qt Linguist files, resources/translations/facerestore_<language>.ts,
// are updated from the sources by scripts/update-translations; the build compiles them to .qm
// and embeds them as :/translations/facerestore_<language>.qm.
//
// The language is chosen once, at start-up (main.cpp): a language picked in the settings dialog
// takes effect when the application is started again. Widgets are not retranslated live.
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace fr::gui {

// The language to show for AppSettings::language `setting`: "en" or "zh_CN". "en" and "zh_CN"
// are taken as they are; "" (follow the system, also used for values this version does not know)
// takes the first of `system`'s UI languages (QLocale::uiLanguages(), in the user's order of
// preference; for QLocale::system() on Windows, the display languages) that is English or Chinese
// in the simplified script (zh-CN, zh-SG, zh-Hans-…, a bare zh) and gives "en" when there is none.
// Chinese in the traditional script (zh-TW, zh-HK, zh-MO, zh-Hant-…) is not taken as Simplified
// Chinese: it is skipped, so such a user gets English unless they also list Simplified Chinese;
// they may still pick 简体中文 in the settings.
QString resolveLanguage(const QString& setting, const QLocale& system);

// Installs `language`'s translators ("en" or "zh_CN", as resolveLanguage gives) in `app`: ours
// from the embedded :/translations/facerestore_<language>.qm, and, when found, Qt's own
// qtbase_<language>.qm (else qt_<language>.qm, as windeployqt writes it) from Qt's translations
// folder (QLibraryInfo::TranslationsPath) or a "translations" folder beside the executable, so
// that Qt's standard buttons and dialogs match. The translators are children of `app`, which
// owns them. Call it once, before any window is created; text already shown is not
// retranslated. Returns whether ours was loaded; when it was not (a language without a
// translation), nothing is installed and the source text, English, is shown.
bool installTranslations(QCoreApplication& app, const QString& language);

}  // namespace fr::gui
