// Takes the README's screenshot of the main window (scripts/screenshot runs it under Xvfb):
// three photos loaded, the first restored with the models given, shown in the split view.
//   screenshot_main_window [--exclude-faces] OUTPUT.png FACE_MODEL DETECTOR BACKGROUND_MODEL
//                          IMAGE...
// --exclude-faces unticks every face in the strip (the photo then shows the upscaled
// background only), for face models whose output is not meant to be looked at.
// The settings live in a temporary folder; the user's own are not touched. Exits non-zero,
// with a message, when the restoration does not finish.
#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

#include "app/gui/compare_view.h"
#include "app/gui/face_strip.h"
#include "app/gui/main_window.h"
#include "app/gui/models_dialog.h"
#include "app/gui/settings_dialog.h"
#include "app/gui/translations.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  const bool excludeFaces = argc > 1 && QByteArray(argv[1]) == "--exclude-faces";
  if (excludeFaces) {
    --argc;
    ++argv;
  }
  if (argc < 6) {
    std::fprintf(stderr, "usage: %s OUTPUT.png FACE_MODEL DETECTOR BACKGROUND_MODEL IMAGE...\n",
                 argv[0]);
    return 2;
  }
  QTemporaryDir settingsDir;
  QCoreApplication::setOrganizationName(QStringLiteral("FaceRestoreScreenshot"));
  QSettings::setDefaultFormat(QSettings::IniFormat);
  QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir.path());

  // FACERESTORE_SCREENSHOT_LANGUAGE=zh_CN shows the Chinese interface.
  const QString language = qEnvironmentVariable("FACERESTORE_SCREENSHOT_LANGUAGE");
  if (!language.isEmpty() && !fr::gui::installTranslations(app, language)) {
    std::fprintf(stderr, "screenshot: no translation for %s\n", qPrintable(language));
    return 2;
  }
  fr::gui::MainWindow window;
  fr::gui::AppSettings settings;
  settings.device = QStringLiteral("cpu");
  settings.faceModel = QString::fromLocal8Bit(argv[2]);
  settings.detector = QString::fromLocal8Bit(argv[3]);
  settings.backgroundModel = QString::fromLocal8Bit(argv[4]);
  window.setSettings(settings);
  QStringList images;
  for (int i = 5; i < argc; ++i) images.append(QString::fromLocal8Bit(argv[i]));
  window.resize(1280, 800);
  window.show();
  window.addPaths(images);
  window.imageList()->setCurrentRow(0);

  bool finished = false;
  QObject::connect(&window, &fr::gui::MainWindow::runFinished, [&] { finished = true; });
  window.restoreCurrent();
  QElapsedTimer clock;
  clock.start();
  while (!finished && clock.elapsed() < 600000)
    QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
  if (!finished || window.resultImage(0).empty()) {
    std::fprintf(stderr, "screenshot: the restoration did not finish\n");
    return 1;
  }
  // The result is shown, and its faces listed, once the display worker has prepared it.
  QElapsedTimer shown;
  shown.start();
  while (window.faceStrip()->count() == 0 && shown.elapsed() < 10000)
    QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
  if (excludeFaces) {
    for (int i = 0; i < window.faceStrip()->count(); ++i) window.faceStrip()->setIncluded(i, false);
    // Pasted back again on the display worker.
    QElapsedTimer pasted;
    pasted.start();
    while (window.resultImage(0).empty() && pasted.elapsed() < 60000)
      QApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
  }
  window.compareView()->setMode(fr::gui::CompareView::Mode::split);
  window.compareView()->zoomToFit();
  window.compareView()->setDividerPosition(0.72);  // across the second face of the first photo
  // Let the window lay out and paint at its final size.
  QElapsedTimer settle;
  settle.start();
  while (settle.elapsed() < 500) QApplication::processEvents(QEventLoop::AllEvents, 50);
  const QString output = QString::fromLocal8Bit(argv[1]);
  if (!window.grab().save(output)) {
    std::fprintf(stderr, "screenshot: cannot write %s\n", argv[1]);
    return 1;
  }
  // The dialogs beside it, <output>-settings.png and <output>-models.png, for review.
  if (qEnvironmentVariableIsSet("FACERESTORE_SCREENSHOT_DIALOGS")) {
    const QString stem = output.left(output.lastIndexOf(QLatin1Char('.')));
    fr::gui::SettingsDialog settingsDialog(window.settings(),
                                           fr::gui::deviceOptions(fr::list_devices()), &window);
    settingsDialog.show();
    fr::gui::ModelsDialog models(&window);
    models.setMessage(QStringLiteral("GFPGAN v1.4 is not on this computer yet."));
    models.show();
    settle.start();
    while (settle.elapsed() < 1500) QApplication::processEvents(QEventLoop::AllEvents, 50);
    settingsDialog.grab().save(stem + QStringLiteral("-settings.png"));
    models.grab().save(stem + QStringLiteral("-models.png"));
  }
  return 0;
}
