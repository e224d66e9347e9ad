#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QSettings>

#include "app/gui/app_settings.h"
#include "app/gui/main_window.h"
#include "app/gui/translations.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("FaceRestore");
  QApplication::setOrganizationName("FaceRestore");
  {
    QSettings store;
    fr::gui::installTranslations(
        app,
        fr::gui::resolveLanguage(fr::gui::AppSettings::load(store).language, QLocale::system()));
  }
  QApplication::setApplicationDisplayName(QApplication::translate("main", "FaceRestore"));
  QApplication::setDesktopFileName(QStringLiteral("facerestore"));
  QIcon icon;
  for (int size : {16, 24, 32, 48, 64, 128, 256})
    icon.addFile(QStringLiteral(":/icons/facerestore-%1.png").arg(size));
  QApplication::setWindowIcon(icon);

  // Photos and folders given on the command line (the desktop's "Open with") are loaded.
  QCommandLineParser parser;
  parser.setApplicationDescription(
      QApplication::translate("main", "Restores faces in photos and upscales them."));
  parser.addHelpOption();
  parser.addPositionalArgument(QStringLiteral("photos"),
                               QApplication::translate("main", "Photos or folders to open."),
                               QStringLiteral("[photos...]"));
  parser.process(app);

  fr::gui::MainWindow window;
  window.show();
  window.addPaths(parser.positionalArguments());
  return app.exec();
}
