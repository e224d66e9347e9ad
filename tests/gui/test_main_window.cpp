// The main window on the offscreen platform, driven as a user would: photos dropped onto it
// and shown, a restoration with the small test models on the CPU through its worker thread,
// the faces shown and chosen, Save, and Cancel of a long run. Settings go to a temporary
// folder.
//
// The window's thread never decodes a photo or pastes faces back: those answers come from the
// display worker as queued signals, so right after asking, before the event loop runs, they
// cannot have arrived; the tests check that, then wait for them.
#include <QClipboard>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QLabel>
#include <QMimeData>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/gui/face_strip.h"
#include "app/gui/image_export.h"
#include "app/gui/image_inputs.h"
#include "app/gui/main_window.h"
#include "app/gui/models_dialog.h"
#include "core/device.h"
#include "tests/checkpoint_writer.h"
#include "tests/gui/gui_test_support.h"

using fr::gui::AppSettings;
using fr::gui::ImageStatus;
using fr::gui::MainWindow;

class TestMainWindow : public QObject {
  Q_OBJECT

 private:
  static QString data(const char* relative) { return fr::test::testData(relative); }

  AppSettings testSettings() const {
    AppSettings s = fr::test::testModelSettings();
    s.outputFolder = output_.filePath(QStringLiteral("out"));
    return s;
  }

  // Drops `paths` onto the window the way a file manager does: drag enter, then drop.
  static void drop(MainWindow& window, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls.append(QUrl::fromLocalFile(p));
    mime.setUrls(urls);
    const QPoint at(window.width() / 2, window.height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &dropEvent);
    QVERIFY(dropEvent.isAccepted());
  }

  static void copy(const QString& from, const QString& to) {
    QVERIFY2(QFile::copy(from, to), qPrintable(from + " -> " + to));
  }

  QTemporaryDir settingsDir_;
  QTemporaryDir output_;

 private slots:
  void initTestCase() {
    QVERIFY2(QFile::exists(data("images/Blake_Lively.jpg")),
             "test data missing: set FACERESTORE_TEST_DATA (default ../shared)");
    // Keep the user's own settings untouched.
    QCoreApplication::setOrganizationName(QStringLiteral("FaceRestoreTest"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, settingsDir_.path());
  }

  void dropOfTwoFilesAndAFolderLoadsThem() {
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("album"));
    QVERIFY(QDir().mkpath(folder));
    copy(data("images/00.jpg"), folder + "/b.jpg");
    copy(data("images/10045.png"), folder + "/a.png");
    QFile notes(folder + "/notes.txt");
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("not a photo");
    notes.close();

    MainWindow window;
    window.setSettings(testSettings());
    window.show();
    drop(window, {data("images/Blake_Lively.jpg"), data("images/00.jpg"), folder});
    auto* list = window.imageList();
    QCOMPARE(list->count(), 4);
    // The files in the order dropped, then the folder's images by name; the text file skipped.
    QCOMPARE(QFileInfo(list->path(0)).fileName(), QStringLiteral("Blake_Lively.jpg"));
    QCOMPARE(QFileInfo(list->path(1)).fileName(), QStringLiteral("00.jpg"));
    QCOMPARE(list->path(2), QFileInfo(folder + "/a.png").absoluteFilePath());
    QCOMPARE(list->path(3), QFileInfo(folder + "/b.jpg").absoluteFilePath());
    for (int row = 0; row < list->count(); ++row) {
      QCOMPARE(list->status(row), ImageStatus::waiting);
      QVERIFY(!list->item(row)->icon().isNull());
    }
    // The thumbnails and sizes are read on a worker: not yet, then there.
    const cv::Mat first = cv::imread(data("images/Blake_Lively.jpg").toStdString());
    const QString dims = QStringLiteral("%1 × %2").arg(first.cols).arg(first.rows);
    QVERIFY2(!list->item(0)->text().contains(dims), qPrintable(list->item(0)->text()));
    QTRY_VERIFY2(list->item(0)->text().contains(dims), qPrintable(list->item(0)->text()));
    const cv::Mat last = cv::imread(list->path(3).toStdString());
    QTRY_VERIFY(
        list->item(3)->text().contains(QStringLiteral("%1 × %2").arg(last.cols).arg(last.rows)));
    // Dropping the same things again adds nothing; the first photo is shown.
    drop(window, {data("images/00.jpg"), folder});
    QCOMPARE(list->count(), 4);
    QCOMPARE(list->currentRow(), 0);
  }

  // A pasted picture has no file: it is kept as a PNG in the application's data folder and
  // loaded from there; pasted files are loaded where they are.
  void pasteLoadsAPictureOrFiles() {
    QStandardPaths::setTestModeEnabled(true);
    MainWindow window;
    window.show();
    QImage picture(40, 30, QImage::Format_RGB888);
    picture.fill(QColor(10, 200, 30));
    QApplication::clipboard()->setImage(picture);
    window.pasteImage();
    QCOMPARE(window.imageList()->count(), 1);
    const QString stored = window.imageList()->path(0);
    QVERIFY2(stored.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)),
             qPrintable(stored));
    QCOMPARE(QImage(stored).convertToFormat(QImage::Format_RGB888), picture);
    QVERIFY(QFile::remove(stored));

    auto* files = new QMimeData;
    files->setUrls({QUrl::fromLocalFile(data("images/00.jpg"))});
    QApplication::clipboard()->setMimeData(files);
    window.pasteImage();
    QCOMPARE(window.imageList()->count(), 2);
    QCOMPARE(window.imageList()->path(1), QFileInfo(data("images/00.jpg")).absoluteFilePath());
    QStandardPaths::setTestModeEnabled(false);
  }

  void photosAreShownOnceDecodedOffTheWindowsThread() {
    MainWindow window;
    window.setSettings(testSettings());
    window.show();
    QSignalSpy shown(&window, &MainWindow::rowShown);
    QCOMPARE(window.addPaths({data("images/00.jpg"), data("images/10045.png")}), 2);
    QCOMPARE(window.imageList()->currentRow(), 0);
    QVERIFY(window.compareView()->beforeSize().isEmpty());
    // The user moves on before the first photo is shown: only the second one is.
    window.imageList()->setCurrentRow(1);
    QTRY_COMPARE(shown.count(), 1);
    QCOMPARE(shown.first().at(0).toInt(), 1);
    QCOMPARE(shown.first().at(1).toString(), QString());
    const cv::Mat second = cv::imread(data("images/10045.png").toStdString());
    QCOMPARE(window.compareView()->beforeSize(), QSize(second.cols, second.rows));
    QVERIFY(window.compareView()->afterSize().isEmpty());
    QTest::qWait(200);
    QCOMPARE(shown.count(), 1);
    window.imageList()->setCurrentRow(0);
    QTRY_COMPARE(shown.count(), 2);
    const cv::Mat first = cv::imread(data("images/00.jpg").toStdString());
    QCOMPARE(window.compareView()->beforeSize(), QSize(first.cols, first.rows));
  }

  // The settings' size limit applies to showing a photo too: a larger one is not decoded.
  void aPhotoAboveTheSizeLimitIsNotShown() {
    MainWindow window;
    AppSettings s = testSettings();
    s.maxMegapixels = 1;
    window.setSettings(s);
    window.show();
    QSignalSpy shown(&window, &MainWindow::rowShown);
    QCOMPARE(window.addPaths({data("images/00.jpg")}), 1);  // 1297 × 1920
    QTRY_COMPARE(shown.count(), 1);
    const QString error = shown.first().at(1).toString();
    QVERIFY2(error.contains(QStringLiteral("megapixels")) &&
                 error.contains(QStringLiteral("Largest photo")),
             qPrintable(error));
    QVERIFY(window.compareView()->beforeSize().isEmpty());
  }

  void restoresShowsTheFacesAndSaves() {
    MainWindow window;
    window.setSettings(testSettings());
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QSignalSpy saved(&window, &MainWindow::imageSaved);
    QCOMPARE(window.addPaths({data("images/Blake_Lively.jpg")}), 1);
    window.restoreCurrent();
    QVERIFY(window.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 180000);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(window.imageList()->status(0), ImageStatus::done);

    auto* faces = window.faceStrip();
    QTRY_COMPARE(faces->count(), 2);
    QCOMPARE(faces->included(), QVector<bool>({true, true}));
    const cv::Mat original = cv::imread(data("images/Blake_Lively.jpg").toStdString());
    const cv::Mat all = window.resultImage(0).clone();
    QCOMPARE(all.cols, original.cols * 2);
    QCOMPARE(all.rows, original.rows * 2);
    QCOMPARE(window.compareView()->beforeSize(), QSize(original.cols, original.rows));
    QCOMPARE(window.compareView()->afterSize(), QSize(all.cols, all.rows));

    // Excluding a face re-composites without running the networks, on the display worker:
    // until its answer arrives there is no result to save. Including it again gives the first
    // result back exactly.
    QSignalSpy changed(&window, &MainWindow::resultChanged);
    faces->setIncluded(1, false);
    QVERIFY(window.resultImage(0).empty());
    QVERIFY(!window.saveCurrent());
    QVERIFY(!window.saveAll());
    QTRY_COMPARE(changed.count(), 1);
    const cv::Mat without = window.resultImage(0).clone();
    QVERIFY(cv::norm(without, all, cv::NORM_INF) > 0);
    // Two choices in a row: the second is the one kept.
    faces->setIncluded(0, false);
    faces->setIncluded(1, true);
    faces->setIncluded(0, true);
    QTRY_COMPARE(changed.count(), 2);
    QCOMPARE(faces->included(), QVector<bool>({true, true}));
    QCOMPARE(cv::norm(window.resultImage(0), all, cv::NORM_INF), 0.0);
    QCOMPARE(changed.last().first().toString(), window.imageList()->path(0));

    // Written on the saving thread: the answer comes later.
    QVERIFY(window.saveCurrent());
    QCOMPARE(saved.count(), 0);
    QTRY_COMPARE(saved.count(), 1);
    const QString expected =
        fr::gui::defaultSavePath(data("images/Blake_Lively.jpg"), window.settings());
    QCOMPARE(saved.first().at(1).toString(), expected);
    QVERIFY(expected.startsWith(output_.path()));
    const cv::Mat written = cv::imread(expected.toStdString());
    QCOMPARE(written.cols, all.cols);
    QCOMPARE(written.rows, all.rows);
    // No temporary file is left beside it.
    QCOMPARE(QDir(QFileInfo(expected).absolutePath()).entryList(QDir::Files).size(), 1);

    // Closing while a save is on its way waits for it: nothing asked for is lost.
    AppSettings other = window.settings();
    other.suffix = QStringLiteral("closing");
    other.format = QStringLiteral("png");
    window.setSettings(other);
    QVERIFY(window.saveAll());
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QTRY_VERIFY(!window.isVisible());
    QCOMPARE(saved.count(), 2);
    const QString second = fr::gui::defaultSavePath(data("images/Blake_Lively.jpg"), other);
    QCOMPARE(saved.last().at(1).toString(), second);
    QCOMPARE(cv::imread(second.toStdString()).cols, all.cols);
  }

  // A 16-bit photo with transparency is restored and saved as one: the window keeps how the
  // file stored it with the result.
  void savingKeepsAlphaAndSixteenBits() {
    QTemporaryDir dir;
    cv::Mat photo(48, 64, CV_16UC4);
    for (int y = 0; y < photo.rows; ++y)
      for (int x = 0; x < photo.cols; ++x)
        photo.at<cv::Vec4w>(y, x) = cv::Vec4w(x * 1000, y * 1300, 30000, 65535 - x * 900);
    const QString input = dir.filePath(QStringLiteral("透明 图.png"));
    QVERIFY(cv::imwrite(input.toStdString(), photo));
    MainWindow window;
    window.setSettings(testSettings());
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QCOMPARE(window.addPaths({input}), 1);
    window.restoreCurrent();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 120000);
    QCOMPARE(window.imageList()->status(0), ImageStatus::done);
    QSignalSpy written(&window, &MainWindow::imageSaved);
    QVERIFY(window.saveCurrent());
    QTRY_COMPARE(written.count(), 1);
    const QString saved = fr::gui::defaultSavePath(input, window.settings());
    const cv::Mat back = cv::imread(saved.toStdString(), cv::IMREAD_UNCHANGED);
    QCOMPARE(back.type(), CV_16UC4);
    QCOMPARE(back.cols, photo.cols * 2);
    // The alpha plane is the source's, resized with the photo.
    cv::Mat alpha, expected;
    cv::extractChannel(photo, alpha, 3);
    cv::resize(alpha, expected, back.size(), 0, 0, cv::INTER_LINEAR);
    cv::extractChannel(back, alpha, 3);
    QVERIFY(cv::norm(alpha, expected, cv::NORM_INF) <= 1.0);
  }

  // What the pipeline worked around stays with the photo in the list and is said in the status
  // bar: here a face network that produces NaN, so both faces are left as they were.
  void warningsOfARestorationAreShown() {
    QTemporaryDir dir;
    const QString nanModel = dir.filePath(QStringLiteral("gfpgan-nan.safetensors"));
    const fr::Status written = fr::test::write_model_with_nan(
        fr::gui::toPath(data("models/test/gfpgan-clean-n0125.pth")), fr::gui::toPath(nanModel),
        "stylegan_decoder.to_rgbs.6.bias");
    QVERIFY2(written.ok(), written ? "" : written.error().message.c_str());
    MainWindow window;
    AppSettings s = testSettings();
    s.faceModel = nanModel;
    window.setSettings(s);
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QCOMPARE(window.addPaths({data("images/Blake_Lively.jpg")}), 1);
    window.restoreCurrent();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 180000);
    QCOMPARE(window.imageList()->status(0), ImageStatus::done);
    const QString reason = window.imageList()->reason(0);
    QVERIFY2(reason.contains(QStringLiteral("face 1 of 2")) &&
                 reason.contains(QStringLiteral("face 2 of 2")) &&
                 reason.contains(QStringLiteral("left as it was")),
             qPrintable(reason));
    QVERIFY(window.imageList()->item(0)->toolTip().contains(reason));
    QVERIFY2(window.imageList()->item(0)->text().contains(QStringLiteral("warnings")),
             qPrintable(window.imageList()->item(0)->text()));
    QCOMPARE(window.faceStrip()->count(), 0);
  }

  // A catalog model that is not on the computer leads to the models page with the reason,
  // not to a failure.
  void anOldDeviceIndexIsSavedAsTheDevicesIdentity() {
    const fr::DeviceList& devices = fr::system_devices();
    if (devices.vulkan.empty()) {
      if (qEnvironmentVariableIsSet("FACERESTORE_REQUIRE_VULKAN"))
        QFAIL("FACERESTORE_REQUIRE_VULKAN is set but no Vulkan device was found");
      QSKIP("no Vulkan device on this machine");
    }
    const fr::VulkanDeviceInfo& last = devices.vulkan.back();
    const QString old = QStringLiteral("vulkan:%1").arg(last.index);
    {
      QSettings store;
      AppSettings s;
      s.device = old;
      s.save(store);
    }
    MainWindow window;
    const QString identity = QStringLiteral("vulkan:") + QString::fromStdString(last.uuid);
    QCOMPARE(window.settings().device, identity);
    QSettings store;
    QCOMPARE(AppSettings::load(store).device, identity);
    // A device number that is gone becomes the automatic choice, not another GPU.
    AppSettings gone;
    gone.device = QStringLiteral("vulkan:%1").arg(last.index + 1);
    gone.save(store);
    store.sync();
    MainWindow second;
    QCOMPARE(second.settings().device, QStringLiteral("auto"));
    store.clear();
  }

  void aMissingModelOpensTheModelsPage() {
    QTemporaryDir models;
    qputenv("FACERESTORE_MODELS", models.path().toUtf8());
    MainWindow window;
    AppSettings s = testSettings();
    s.faceModel = QStringLiteral("gfpgan-v1.3");
    window.setSettings(s);
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QCOMPARE(window.addPaths({data("images/Blake_Lively.jpg")}), 1);
    window.restoreCurrent();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 60000);
    qunsetenv("FACERESTORE_MODELS");
    auto* page = window.findChild<fr::gui::ModelsDialog*>();
    QVERIFY(page);
    QTRY_VERIFY(page->isVisible());
    auto* message = page->findChild<QLabel*>(QStringLiteral("messageLabel"));
    QVERIFY(message);
    QVERIFY2(message->text().contains(QStringLiteral("GFPGAN v1.3")), qPrintable(message->text()));
    QCOMPARE(window.imageList()->status(0), ImageStatus::waiting);
  }

  void cancelStopsALongRun() {
    QTemporaryDir dir;
    QStringList paths;
    for (int i = 0; i < 30; ++i) {
      const QString p = dir.filePath(QStringLiteral("photo%1.jpg").arg(i, 2, 10, QLatin1Char('0')));
      copy(data("images/Blake_Lively.jpg"), p);
      paths.append(p);
    }
    MainWindow window;
    window.setSettings(testSettings());
    window.show();
    QSignalSpy finished(&window, &MainWindow::runFinished);
    QCOMPARE(window.addPaths({dir.path()}), 30);
    window.restoreAll();
    // Let it get into the work, then cancel.
    QTRY_VERIFY_WITH_TIMEOUT(window.imageList()->status(0) != ImageStatus::waiting, 60000);
    window.cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 60000);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(!window.isRunning());
    int done = 0;
    for (int row = 0; row < 30; ++row) {
      const auto status = window.imageList()->status(row);
      QVERIFY(status != ImageStatus::working);
      done += status == ImageStatus::done;
    }
    QVERIFY2(done < 30, "the whole batch ran despite Cancel");
  }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
