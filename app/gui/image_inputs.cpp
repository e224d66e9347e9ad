#include "app/gui/image_inputs.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include "app/restore/image_io.h"

namespace fr::gui {
namespace {

bool isImageFile(const QFileInfo& info) {
  return info.isFile() && fr::has_image_extension(toPath(info.fileName()));
}

}  // namespace

CollectedInputs collectImages(const QStringList& paths, const QStringList& already) {
  CollectedInputs out;
  QSet<QString> seen;
  for (const QString& p : already) seen.insert(QFileInfo(p).absoluteFilePath());
  auto add = [&](const QFileInfo& info) {
    const QString path = info.absoluteFilePath();
    if (seen.contains(path)) return;
    seen.insert(path);
    out.images.append(path);
  };
  for (const QString& given : paths) {
    const QFileInfo info(given);
    if (info.isDir()) {
      QDir dir(info.absoluteFilePath());
      const auto entries =
          dir.entryInfoList(QDir::Files | QDir::Readable, QDir::Name | QDir::IgnoreCase);
      for (const QFileInfo& entry : entries)
        if (isImageFile(entry)) add(entry);
    } else if (isImageFile(info)) {
      add(info);
    } else {
      out.ignored.append(given);
    }
  }
  return out;
}

std::filesystem::path toPath(const QString& text) {
#ifdef _WIN32
  return std::filesystem::path(text.toStdWString());
#else
  return std::filesystem::path(text.toStdString());
#endif
}

QStringList localPaths(const QList<QUrl>& urls) {
  QStringList paths;
  for (const QUrl& url : urls)
    if (url.isLocalFile()) paths.append(url.toLocalFile());
  return paths;
}

}  // namespace fr::gui
