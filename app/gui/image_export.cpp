#include "app/gui/image_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <opencv2/imgcodecs.hpp>
#include <vector>

namespace fr::gui {
namespace {

// The translation context of this file's messages.
struct ImageExport {
  Q_DECLARE_TR_FUNCTIONS(fr::gui::ImageExport)
};

fr::Error error(const QString& message) {
  return fr::Error{message.toStdString()};
}

// The same file as `a`, by canonical path when it exists (links, "..", case on Windows).
bool sameFile(const QFileInfo& a, const QString& b) {
  const QFileInfo other(b);
  if (a.exists() && other.exists()) return a.canonicalFilePath() == other.canonicalFilePath();
  return a.absoluteFilePath() == other.absoluteFilePath();
}

}  // namespace

QString defaultSavePath(const QString& input, const AppSettings& settings) {
  const QFileInfo info(input);
  QString ext = settings.format;
  if (ext == QLatin1String("auto")) {
    ext = info.suffix().toLower();
    if (ext == QLatin1String("jpeg")) ext = QStringLiteral("jpg");
    if (ext != QLatin1String("jpg") && ext != QLatin1String("png") && ext != QLatin1String("webp"))
      ext = QStringLiteral("png");
  }
  const QString folder = settings.outputFolder.isEmpty()
                             ? info.absoluteDir().filePath(QStringLiteral("restored"))
                             : settings.outputFolder;
  QString name = info.completeBaseName();
  if (!settings.suffix.isEmpty()) name += QLatin1Char('_') + settings.suffix;
  return QDir(folder).filePath(name + QLatin1Char('.') + ext);
}

QString saveFileFilter() {
  return ImageExport::tr(
      "PNG image (*.png);;JPEG image (*.jpg *.jpeg);;WebP image (*.webp);;"
      "TIFF image (*.tif *.tiff);;BMP image (*.bmp)");
}

fr::Status saveImage(const cv::Mat& bgr, const QString& target, int quality,
                     const QStringList& inputs) {
  const QFileInfo info(target);
  for (const QString& input : inputs)
    if (sameFile(info, input))
      return error(
          ImageExport::tr("%1 is one of the photos being restored; choose another name so the "
                          "original is kept.")
              .arg(QDir::toNativeSeparators(target)));
  if (bgr.empty() || bgr.type() != CV_8UC3)
    return error(ImageExport::tr("There is no restored image to save yet."));

  QString ext = info.suffix().toLower();
  if (ext == QLatin1String("jpeg")) ext = QStringLiteral("jpg");
  if (ext == QLatin1String("tiff")) ext = QStringLiteral("tif");
  std::vector<int> params;
  if (ext == QLatin1String("jpg"))
    params = {cv::IMWRITE_JPEG_QUALITY, quality};
  else if (ext == QLatin1String("webp"))
    params = {cv::IMWRITE_WEBP_QUALITY, quality};
  else if (ext != QLatin1String("png") && ext != QLatin1String("bmp") &&
           ext != QLatin1String("tif"))
    return error(
        ImageExport::tr("%1: unknown image format \"%2\"; use .png, .jpg, .webp, .tif or .bmp.")
            .arg(QDir::toNativeSeparators(target), info.suffix()));
  std::vector<uchar> bytes;
  try {
    if (!cv::imencode("." + ext.toStdString(), bgr, bytes, params))
      return error(ImageExport::tr("%1: the image could not be encoded.")
                       .arg(QDir::toNativeSeparators(target)));
  } catch (const cv::Exception& e) {
    return error(ImageExport::tr("%1: the image could not be encoded (%2).")
                     .arg(QDir::toNativeSeparators(target), QString::fromStdString(e.msg)));
  }

  if (!QDir().mkpath(info.absolutePath()))
    return error(
        ImageExport::tr("Cannot create the folder %1; choose another output folder in Settings.")
            .arg(QDir::toNativeSeparators(info.absolutePath())));
  QSaveFile file(target);
  if (!file.open(QIODevice::WriteOnly))
    return error(ImageExport::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(target), file.errorString()));
  if (file.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size())) !=
      qint64(bytes.size())) {
    file.cancelWriting();
    return error(ImageExport::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(target), file.errorString()));
  }
  if (!file.commit())
    return error(ImageExport::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(target), file.errorString()));
  return {};
}

}  // namespace fr::gui
