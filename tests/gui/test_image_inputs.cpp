// What the window accepts as photos (collectImages: files, folders, duplicates, non-images)
// and how it saves them (defaultSavePath, saveImage: atomic, never over an input).
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "app/gui/image_export.h"
#include "app/gui/image_inputs.h"
#include "core/path_text.h"

using namespace fr::gui;

class TestImageInputs : public QObject {
  Q_OBJECT

 private:
  static void touch(const QString& path, const QByteArray& bytes = "x") {
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly), qPrintable(path));
    f.write(bytes);
  }

  static cv::Mat gradient() {
    cv::Mat m(21, 37, CV_8UC3);
    for (int y = 0; y < m.rows; ++y)
      for (int x = 0; x < m.cols; ++x) m.at<cv::Vec3b>(y, x) = cv::Vec3b(x * 6, y * 11, 200);
    return m;
  }

 private slots:
  void filesFoldersAndDuplicates() {
    QTemporaryDir dir;
    const QDir d(dir.path());
    QVERIFY(d.mkpath(QStringLiteral("album/sub")));
    touch(d.filePath(QStringLiteral("album/b.JPG")));
    touch(d.filePath(QStringLiteral("album/a.png")));
    touch(d.filePath(QStringLiteral("album/readme.txt")));
    touch(d.filePath(QStringLiteral("album/sub/deep.jpg")));  // subfolders are not entered
    QVERIFY(d.mkpath(QStringLiteral("album/folder.jpg")));    // a folder named like a photo
    touch(d.filePath(QStringLiteral("单张 照片.webp")));
    touch(d.filePath(QStringLiteral("notes.txt")));

    const auto got = collectImages(
        {d.filePath(QStringLiteral("单张 照片.webp")), d.filePath(QStringLiteral("album")),
         d.filePath(QStringLiteral("notes.txt")), d.filePath(QStringLiteral("missing.jpg")),
         d.filePath(QStringLiteral("album/a.png"))});
    QCOMPARE(got.images, QStringList({d.filePath(QStringLiteral("单张 照片.webp")),
                                      d.filePath(QStringLiteral("album/a.png")),
                                      d.filePath(QStringLiteral("album/b.JPG"))}));
    QCOMPARE(got.ignored, QStringList({d.filePath(QStringLiteral("notes.txt")),
                                       d.filePath(QStringLiteral("missing.jpg"))}));

    // Paths loaded before are not added again, whatever the spelling.
    const auto again = collectImages({d.filePath(QStringLiteral("album/../album/a.png"))},
                                     {d.filePath(QStringLiteral("album/a.png"))});
    QVERIFY(again.images.isEmpty());
    QVERIFY(again.ignored.isEmpty());
  }

  void localPathsKeepsOnlyFiles() {
    const QList<QUrl> urls{QUrl::fromLocalFile(QStringLiteral("/tmp/一.jpg")),
                           QUrl(QStringLiteral("https://example.com/a.jpg"))};
    QCOMPARE(localPaths(urls), QStringList({QStringLiteral("/tmp/一.jpg")}));
    QCOMPARE(QString::fromStdString(fr::path_text(toPath(QStringLiteral("/tmp/一.jpg")))),
             QStringLiteral("/tmp/一.jpg"));
  }

  void defaultSavePathFollowsTheSettings() {
    AppSettings s;
    const QString input = QStringLiteral("/photos/家庭/IMG 1.jpeg");
    QCOMPARE(defaultSavePath(input, s), QStringLiteral("/photos/家庭/restored/IMG 1.jpg"));
    s.format = QStringLiteral("webp");
    s.suffix = QStringLiteral("v2");
    s.outputFolder = QStringLiteral("/out");
    QCOMPARE(defaultSavePath(input, s), QStringLiteral("/out/IMG 1_v2.webp"));
    s.format = QStringLiteral("auto");
    QCOMPARE(defaultSavePath(QStringLiteral("/p/scan.tif"), s), QStringLiteral("/out/scan_v2.png"));
  }

  void saveWritesAtomicallyAndReadsBack() {
    QTemporaryDir dir;
    const QString target = QDir(dir.path()).filePath(QStringLiteral("新 文件夹/out.png"));
    const cv::Mat image = gradient();
    auto st = saveImage(image, target, 95, {});
    QVERIFY2(st.ok(), st ? "" : st.error().message.c_str());
    const cv::Mat back = cv::imread(target.toStdString());
    QCOMPARE(cv::norm(back, image, cv::NORM_INF), 0.0);
    QCOMPARE(QDir(QFileInfo(target).absolutePath()).entryList(QDir::Files),
             QStringList({QStringLiteral("out.png")}));

    // JPEG quality is applied: a lower quality gives a smaller file.
    const QString hi = QDir(dir.path()).filePath(QStringLiteral("hi.jpg"));
    const QString lo = QDir(dir.path()).filePath(QStringLiteral("lo.jpg"));
    cv::Mat big;
    cv::resize(gradient(), big, cv::Size(370, 210));
    cv::randn(big, cv::Scalar::all(128), cv::Scalar::all(40));
    QVERIFY(saveImage(big, hi, 100, {}).ok());
    QVERIFY(saveImage(big, lo, 20, {}).ok());
    QVERIFY(QFileInfo(lo).size() < QFileInfo(hi).size());
  }

  // The photo's own form is kept where the format holds it: 16 bits and alpha in PNG and TIFF,
  // grayscale; JPEG keeps the colours at 8 bits.
  void saveKeepsTheSourceFormat() {
    QTemporaryDir dir;
    const cv::Mat result = gradient();
    fr::SourceFormat deepAlpha;
    deepAlpha.depth = CV_16U;
    deepAlpha.alpha = cv::Mat(result.rows / 2 + 1, result.cols / 2 + 1, CV_16U, cv::Scalar(40000));
    const struct {
      const char* name;
      fr::SourceFormat format;
      int type;
    } cases[] = {{"deep.png", deepAlpha, CV_16UC4},
                 {"deep.tif", deepAlpha, CV_16UC4},
                 {"deep.jpg", deepAlpha, CV_8UC3},
                 {"plain.png", {}, CV_8UC3}};
    for (const auto& c : cases) {
      const QString target = QDir(dir.path()).filePath(QString::fromLatin1(c.name));
      auto st = saveImage(result, target, 95, {}, c.format);
      QVERIFY2(st.ok(), st ? "" : st.error().message.c_str());
      const cv::Mat back = cv::imread(target.toStdString(), cv::IMREAD_UNCHANGED);
      QCOMPARE(back.type(), c.type);
      QCOMPARE(back.size(), result.size());
      if (c.type == CV_16UC4) {
        cv::Mat planes[4];
        cv::split(back, planes);
        QCOMPARE(cv::norm(planes[3], cv::Mat(back.size(), CV_16U, cv::Scalar(40000)), cv::NORM_INF),
                 0.0);
        cv::Mat colour8;
        cv::merge(planes, 3, colour8);
        colour8.convertTo(colour8, CV_8U, 1.0 / 257.0);
        QCOMPARE(cv::norm(colour8, result, cv::NORM_INF), 0.0);
      }
    }
    fr::SourceFormat gray;
    gray.grayscale = true;
    const QString target = QDir(dir.path()).filePath(QStringLiteral("gray.png"));
    QVERIFY(saveImage(result, target, 95, {}, gray).ok());
    QCOMPARE(cv::imread(target.toStdString(), cv::IMREAD_UNCHANGED).type(), CV_8UC1);
  }

  void saveNeverReplacesAnInput() {
    QTemporaryDir dir;
    const QString input = QDir(dir.path()).filePath(QStringLiteral("photo.png"));
    touch(input, "original bytes");
    const QString link = QDir(dir.path()).filePath(QStringLiteral("link.png"));
    QVERIFY(QFile::link(input, link));
    for (const QString& target :
         {input, link, QDir(dir.path()).filePath(QStringLiteral("./photo.png"))}) {
      auto st = saveImage(gradient(), target, 95, {input});
      QVERIFY2(!st.ok(), qPrintable(target));
      QVERIFY(QString::fromStdString(st.error().message).contains(QStringLiteral("original")));
    }
    QFile f(input);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("original bytes"));
  }

  void saveReportsWhatWentWrong() {
    QTemporaryDir dir;
    auto unknown =
        saveImage(gradient(), QDir(dir.path()).filePath(QStringLiteral("a.gifx")), 95, {});
    QVERIFY(!unknown.ok());
    QVERIFY(QString::fromStdString(unknown.error().message).contains(QStringLiteral(".png")));
    auto empty = saveImage(cv::Mat(), QDir(dir.path()).filePath(QStringLiteral("a.png")), 95, {});
    QVERIFY(!empty.ok());
    // A folder in the way of the file: nothing is written, the message names the target.
    touch(QDir(dir.path()).filePath(QStringLiteral("blocker")));
    const QString blocked = QDir(dir.path()).filePath(QStringLiteral("blocker/x.png"));
    auto st = saveImage(gradient(), blocked, 95, {});
    QVERIFY(!st.ok());
    QVERIFY(QString::fromStdString(st.error().message).contains(QStringLiteral("blocker")));
  }
};

QTEST_MAIN(TestImageInputs)
#include "test_image_inputs.moc"
