#include "app/gui/image_export.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <vector>

#include "app/gui/image_inputs.h"

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
                     const QStringList& inputs, const fr::SourceFormat& source) {
  const QFileInfo info(target);
  for (const QString& input : inputs)
    if (sameFile(info, input))
      return error(
          ImageExport::tr("%1 is one of the photos being restored; choose another name so the "
                          "original is kept.")
              .arg(QDir::toNativeSeparators(target)));
  if (bgr.empty() || bgr.type() != CV_8UC3)
    return error(ImageExport::tr("There is no restored image to save yet."));

  const QString ext = info.suffix().toLower();
  if (!fr::has_image_extension(toPath(target)))
    return error(
        ImageExport::tr("%1: unknown image format \"%2\"; use .png, .jpg, .webp, .tif or .bmp.")
            .arg(QDir::toNativeSeparators(target), info.suffix()));
  auto encoded =
      fr::encode_image(fr::match_source_format(bgr, source), "." + ext.toStdString(), quality);
  if (!encoded)
    return error(ImageExport::tr("%1: the image could not be encoded (%2).")
                     .arg(QDir::toNativeSeparators(target),
                          QString::fromStdString(encoded.error().message)));
  const std::vector<uint8_t>& bytes = *encoded;

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
