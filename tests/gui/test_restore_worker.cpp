// The desktop application's restoration worker on its own thread, driven through queued
// signals as the main window drives it, with the small test models on the CPU. A spy records
// a signal as soon as the worker thread emits it, so waits poll the count (QTRY_*) rather
// than QSignalSpy::wait, which would miss a signal emitted before it starts waiting.
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <opencv2/imgcodecs.hpp>

#include "app/gui/restore_worker.h"
#include "core/device.h"
#include "tests/gui/gui_test_support.h"

using fr::gui::AppSettings;
using fr::gui::RestoredImage;
using fr::gui::RestoreWorker;

class TestRestoreWorker : public QObject {
  Q_OBJECT

 private:
  static QString data(const char* relative) { return fr::test::testData(relative); }

  AppSettings testSettings() const { return fr::test::testModelSettings(); }

  QThread thread_;
  RestoreWorker* worker_ = nullptr;

 private slots:
  void initTestCase() {
    fr::gui::registerWorkerTypes();
    QVERIFY2(QFile::exists(data("images/Blake_Lively.jpg")),
             "test data missing: set FACERESTORE_TEST_DATA (default ../shared)");
    worker_ = new RestoreWorker;
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
  }

  void cleanupTestCase() {
    thread_.quit();
    thread_.wait();
  }

  void restoresAPhotoWithTwoFaces() {
    QSignalSpy restored(worker_, &RestoreWorker::imageRestored);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    QSignalSpy progress(worker_, &RestoreWorker::progress);
    const QStringList paths{data("images/Blake_Lively.jpg")};
    worker_->prepareForBatch();  // as the window does before queueing a batch
    QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                              Q_ARG(fr::gui::AppSettings, testSettings()),
                              Q_ARG(QStringList, paths));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 120000);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(restored.count(), 1);
    const auto image = restored.first().first().value<RestoredImage>();
    QCOMPARE(image.path, paths.first());
    QCOMPARE(int(image.result.faces.size()), 2);
    QCOMPARE(image.result.image.cols, image.original.cols * 2);
    QCOMPARE(image.result.image.rows, image.original.rows * 2);
    // The worker is on its thread; the signals arrived queued on this one.
    QVERIFY(worker_->thread() == &thread_);
    bool sawRestore = false;
    for (const auto& args : progress)
      sawRestore |= args.at(2).toString() == QLatin1String("restore") && args.at(4).toInt() == 2;
    QVERIFY(sawRestore);
  }

  // The settings of each run apply to it: the same device reuses the loaded models, another
  // device loads them there, without a restart.
  void aNewDeviceIsUsedFromTheNextRun() {
    int vulkan = -1;
    QString identity;
    for (const auto& d : fr::list_devices().vulkan)
      if (vulkan < 0) {
        vulkan = d.index;
        identity = QStringLiteral("vulkan:") + QString::fromStdString(d.uuid);
      }
    if (vulkan < 0 && !qEnvironmentVariableIsSet("FACERESTORE_REQUIRE_VULKAN"))
      QSKIP("no Vulkan device (lavapipe: mesa-vulkan-drivers)");
    QVERIFY2(vulkan >= 0, "no Vulkan device although FACERESTORE_REQUIRE_VULKAN is set");

    // A small faceless photo: the detector runs on the device, quickly even on lavapipe.
    QTemporaryDir dir;
    const QString photo = dir.filePath(QStringLiteral("small.png"));
    QImage small(64, 48, QImage::Format_RGB888);
    for (int y = 0; y < small.height(); ++y)
      for (int x = 0; x < small.width(); ++x) small.setPixel(x, y, qRgb(x * 4, y * 5, 90));
    QVERIFY(small.save(photo));

    QSignalSpy loaded(worker_, &RestoreWorker::modelsLoaded);
    QSignalSpy restored(worker_, &RestoreWorker::imageRestored);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    auto run = [&](const AppSettings& settings) {
      finished.clear();
      worker_->prepareForBatch();  // as the window does before queueing a batch
      QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                                Q_ARG(fr::gui::AppSettings, settings),
                                Q_ARG(QStringList, QStringList{photo}));
      QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 300000);
    };
    AppSettings settings = testSettings();
    settings.device = QStringLiteral("vulkan:%1").arg(vulkan);
    run(settings);
    QCOMPARE(loaded.count(), 1);
    // The device chosen by its number is reported by its identity, as the settings keep it.
    QCOMPARE(loaded.last().first().toString(), identity);
    QCOMPARE(loaded.last().at(1).toString(), QString());  // no warning
    settings.upscale = 1.5;  // not a model setting: the loaded models are reused
    run(settings);
    QCOMPARE(loaded.count(), 1);
    settings.halfPrecision = true;  // the tensors are stored anew: loaded again
    run(settings);
    QCOMPARE(loaded.count(), 2);
    run(testSettings());
    QCOMPARE(loaded.count(), 3);
    QCOMPARE(loaded.last().first().toString(), QStringLiteral("cpu"));
    QCOMPARE(restored.count(), 4);
    QCOMPARE(restored.at(0).first().value<RestoredImage>().result.image.cols, 64 * 2);
    QCOMPARE(restored.at(1).first().value<RestoredImage>().result.image.cols, 96);
  }

  void reportsAFileThatFailsAndGoesOn() {
    QTemporaryDir dir;
    const QString broken = dir.filePath(QStringLiteral("broken.jpg"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a JPEG");
    f.close();
    QSignalSpy failed(worker_, &RestoreWorker::imageFailed);
    QSignalSpy restored(worker_, &RestoreWorker::imageRestored);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    worker_->prepareForBatch();  // as the window does before queueing a batch
    QMetaObject::invokeMethod(
        worker_, "restore", Qt::QueuedConnection, Q_ARG(fr::gui::AppSettings, testSettings()),
        Q_ARG(QStringList, QStringList({broken, data("images/Blake_Lively.jpg")})));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 120000);
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().toString(), broken);
    QVERIFY(failed.first().at(1).toString().contains(QLatin1String("broken.jpg")));
    QCOMPARE(restored.count(), 1);
  }

  // A photo over the size limit of the settings is refused with the limit and where to raise
  // it; with no limit it is restored.
  void aPhotoOverTheSizeLimitIsRefusedSayingWhere() {
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.png"));
    QVERIFY(cv::imwrite(big.toStdString(), cv::Mat(1100, 1000, CV_8UC3, cv::Scalar::all(90))));
    AppSettings s = testSettings();
    s.maxMegapixels = 1;
    QSignalSpy failed(worker_, &RestoreWorker::imageFailed);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    worker_->prepareForBatch();  // as the window does before queueing a batch
    QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                              Q_ARG(fr::gui::AppSettings, s), Q_ARG(QStringList, {big}));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 120000);
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.contains(QLatin1String("limit of 1 megapixels")) &&
                 message.contains(QLatin1String("Largest photo")),
             qPrintable(message));
  }

  void cancelStopsALongRun() {
    QStringList paths;
    for (int i = 0; i < 50; ++i) paths << data("images/10045.png");
    QSignalSpy restored(worker_, &RestoreWorker::imageRestored);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    QSignalSpy progress(worker_, &RestoreWorker::progress);
    worker_->prepareForBatch();  // as the window does before queueing a batch
    QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                              Q_ARG(fr::gui::AppSettings, testSettings()),
                              Q_ARG(QStringList, paths));
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 60000);  // the run has started
    worker_->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 30000);
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(restored.count() < paths.size());
  }

  void aCancelBeforeTheBatchStartsIsNotLost() {
    // The worker is busy (blocked here) while the window queues a batch and cancels it.
    QSemaphore busy, release;
    QMetaObject::invokeMethod(
        worker_,
        [&] {
          busy.release();
          release.acquire();
        },
        Qt::QueuedConnection);
    QVERIFY(busy.tryAcquire(1, 10000));
    QSignalSpy restored(worker_, &RestoreWorker::imageRestored);
    QSignalSpy progress(worker_, &RestoreWorker::progress);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    worker_->prepareForBatch();
    QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                              Q_ARG(fr::gui::AppSettings, testSettings()),
                              Q_ARG(QStringList, QStringList{data("images/10045.png")}));
    worker_->cancel();
    release.release();
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 30000);
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(restored.count(), 0);
    QCOMPARE(progress.count(), 0);

    // The next batch runs: a new batch clears the old cancel.
    finished.clear();
    worker_->prepareForBatch();
    QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                              Q_ARG(fr::gui::AppSettings, testSettings()),
                              Q_ARG(QStringList, QStringList{data("images/10045.png")}));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 120000);
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(restored.count(), 1);
  }

  void missingCatalogModelIsReportedNotAFailure() {
    QTemporaryDir empty;
    qputenv("FACERESTORE_MODELS", empty.path().toLocal8Bit());
    AppSettings s = testSettings();
    s.faceModel = QStringLiteral("gfpgan-v1.3");
    QSignalSpy missing(worker_, &RestoreWorker::modelMissing);
    QSignalSpy finished(worker_, &RestoreWorker::finished);
    worker_->prepareForBatch();  // as the window does before queueing a batch
    QMetaObject::invokeMethod(worker_, "restore", Qt::QueuedConnection,
                              Q_ARG(fr::gui::AppSettings, s),
                              Q_ARG(QStringList, QStringList{data("images/Blake_Lively.jpg")}));
    QTRY_VERIFY_WITH_TIMEOUT(finished.count() > 0, 60000);
    qunsetenv("FACERESTORE_MODELS");
    QCOMPARE(missing.count(), 1);
    QCOMPARE(missing.first().first().toString(), QStringLiteral("gfpgan-v1.3"));
  }
};

QTEST_GUILESS_MAIN(TestRestoreWorker)
#include "test_restore_worker.moc"
