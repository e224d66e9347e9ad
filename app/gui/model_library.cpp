#include "app/gui/model_library.h"

#include "app/gui/image_inputs.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSaveFile>
#include <QSettings>
#include <QStringList>
#include <optional>
#include <system_error>

#include "app/restore/downloader.h"
#include "core/path_text.h"

namespace fr::gui {
namespace {

namespace fs = std::filesystem;

// The translation context of this file's texts.
struct ModelLibrary {
  Q_DECLARE_TR_FUNCTIONS(ModelLibrary)
};

fr::Error error(const QString& message) {
  return fr::Error{message.toStdString()};
}

QString toQString(const fs::path& path) {
  return QString::fromStdString(fr::path_text(path));
}

QString nativeText(const fs::path& path) {
  return QDir::toNativeSeparators(toQString(path));
}

// What identifies one version of a file for the hash cache.
struct FileStamp {
  quint64 size = 0;
  qint64 mtime = 0;  // the file clock's ticks (nanoseconds with libstdc++); only compared
  bool operator==(const FileStamp&) const = default;
};

std::optional<FileStamp> stampOf(const fs::path& path) {
  std::error_code ec;
  FileStamp s;
  s.size = fs::file_size(path, ec);
  if (ec) return std::nullopt;
  const auto time = fs::last_write_time(path, ec);
  if (ec) return std::nullopt;
  s.mtime = qint64(time.time_since_epoch().count());
  return s;
}

QString absoluteText(const fs::path& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  return toQString(ec ? path : absolute.lexically_normal());
}

// The hash cache: absolute path -> the hash of the version of the file with that stamp.
struct CachedHash {
  FileStamp stamp;
  QString sha256;  // lower-case hex
};

constexpr char kHashGroup[] = "modelHashes";

QMutex& cacheMutex() {
  static QMutex mutex;
  return mutex;
}

QHash<QString, CachedHash>& memoryCache() {
  static QHash<QString, CachedHash> cache;
  return cache;
}

// QSettings keys cannot hold a path (slashes separate groups): the key is its SHA-1, the value
// [path, size, mtime, sha256].
QString settingsKey(const QString& absolutePath) {
  return QStringLiteral("%1/%2").arg(
      QLatin1String(kHashGroup),
      QString::fromLatin1(
          QCryptographicHash::hash(absolutePath.toUtf8(), QCryptographicHash::Sha1).toHex()));
}

std::optional<QString> cachedHash(const QString& absolutePath, const FileStamp& stamp) {
  QMutexLocker lock(&cacheMutex());
  auto& memory = memoryCache();
  if (auto it = memory.constFind(absolutePath); it != memory.constEnd() && it->stamp == stamp)
    return it->sha256;
  const QStringList stored = QSettings().value(settingsKey(absolutePath)).toStringList();
  if (stored.size() != 4 || stored[0] != absolutePath) return std::nullopt;
  bool sizeOk = false, timeOk = false;
  const FileStamp storedStamp{stored[1].toULongLong(&sizeOk), stored[2].toLongLong(&timeOk)};
  if (!sizeOk || !timeOk || !(storedStamp == stamp)) return std::nullopt;
  memory.insert(absolutePath, CachedHash{stamp, stored[3]});
  return stored[3];
}

void rememberHash(const QString& absolutePath, const FileStamp& stamp, const QString& sha256) {
  QMutexLocker lock(&cacheMutex());
  memoryCache().insert(absolutePath, CachedHash{stamp, sha256});
  QSettings().setValue(
      settingsKey(absolutePath),
      QStringList{absolutePath, QString::number(stamp.size), QString::number(stamp.mtime), sha256});
}

// The file's SHA-256 from the cache, or computed (and cached) when `verification` allows;
// nullopt when not cached and not allowed.
fr::Result<std::optional<QString>> fileHash(const fs::path& path, Verification verification) {
  const QString key = absoluteText(path);
  const auto before = stampOf(path);
  if (!before) return error(ModelLibrary::tr("%1 cannot be read.").arg(nativeText(path)));
  if (auto cached = cachedHash(key, *before)) return std::optional<QString>(*cached);
  if (verification == Verification::cachedOnly) return std::optional<QString>();
  auto digest = fr::sha256_file(path);
  if (!digest) return digest.error();
  const QString sha = QString::fromStdString(*digest);
  // Cached only when the file did not change while it was read.
  if (const auto after = stampOf(path); after && *after == *before) rememberHash(key, *before, sha);
  return std::optional<QString>(sha);
}

fr::Result<FileCheck> checkPath(const fs::path& path, const fr::CatalogModel& model,
                                Verification verification) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return error(ModelLibrary::tr("%1: no such file.").arg(nativeText(path)));
  const auto stamp = stampOf(path);
  if (!stamp) return error(ModelLibrary::tr("%1 cannot be read.").arg(nativeText(path)));
  FileCheck check;
  if (model.size && stamp->size != *model.size) {
    check.matches = false;
    check.detail = ModelLibrary::tr("size %1 bytes, expected %2")
                       .arg(QString::number(stamp->size), QString::number(*model.size));
    return check;
  }
  if (!model.sha256) {
    check.detail = ModelLibrary::tr("no published checksum");
    return check;
  }
  auto hash = fileHash(path, verification);
  if (!hash) return hash.error();
  if (!*hash) {
    check.detail = ModelLibrary::tr("not verified yet");
    return check;
  }
  if (QString::compare(**hash, QString::fromStdString(*model.sha256), Qt::CaseInsensitive) != 0) {
    check.matches = false;
    check.detail = ModelLibrary::tr("checksum differs");
    return check;
  }
  check.verified = true;
  return check;
}

fr::Result<fs::path> prepareDownloadFolder() {
  const fs::path folder = fr::model_download_folder();
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec)
    return error(ModelLibrary::tr("Cannot create the model folder %1 (%2). Check that you may "
                                  "write there, or set FACERESTORE_MODELS to a folder you can "
                                  "write to.")
                     .arg(nativeText(folder), QString::fromStdString(ec.message())));
  return folder;
}

}  // namespace

QString modelStateName(ModelState state) {
  switch (state) {
    case ModelState::present:
      return ModelLibrary::tr("Present");
    case ModelState::missing:
      return ModelLibrary::tr("Missing");
    case ModelState::corrupt:
      return ModelLibrary::tr("Corrupt");
  }
  return {};
}

QVector<ModelEntry> scanModels(const std::vector<fs::path>& folders, Verification verification) {
  return scanModels(folders, fr::model_catalog(), verification);
}

QVector<ModelEntry> scanModels(const std::vector<fs::path>& folders,
                               const std::vector<fr::CatalogModel>& catalog,
                               Verification verification) {
  QVector<ModelEntry> entries;
  entries.reserve(int(catalog.size()));
  for (const auto& model : catalog) {
    ModelEntry entry;
    entry.model = model;
    for (const auto& folder : folders) {
      std::error_code ec;
      const fs::path candidate = folder / model.file;
      if (!fs::is_regular_file(candidate, ec)) continue;
      entry.path = toQString(candidate);
      auto check = checkPath(candidate, model, verification);
      if (!check) {
        entry.state = ModelState::corrupt;
        entry.detail = QString::fromStdString(check.error().message);
      } else {
        entry.state = check->matches ? ModelState::present : ModelState::corrupt;
        entry.detail = check->detail;
        entry.verified = check->verified;
      }
      break;
    }
    entries.append(entry);
  }
  return entries;
}

fr::Result<FileCheck> checkModelFile(const QString& file, const fr::CatalogModel& model,
                                     Verification verification) {
  return checkPath(toPath(file), model, verification);
}

fr::Result<QString> downloadModel(const fr::CatalogModel& model,
                                  const std::function<bool(quint64, quint64)>& progress) {
  const QString name = QString::fromStdString(model.name);
  if (!model.supported) {
    const QString note = QString::fromStdString(model.note);
    return error(ModelLibrary::tr("%1 is not supported by this version of FaceRestore%2, so it "
                                  "is not downloaded; choose another model.")
                     .arg(name, note.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(note)));
  }
  auto folder = prepareDownloadFolder();
  if (!folder) return folder.error();
  const fs::path target = *folder / model.file;
  bool cancelled = false;
  const fr::DownloadRequest request{model.url, target, model.sha256, model.size};
  auto result = fr::download_file(request, [&](const fr::DownloadProgress& p) {
    if (progress && !progress(p.received, p.total)) cancelled = true;
    return !cancelled;
  });
  if (!result) {
    if (cancelled) return result.error();  // says it resumes next time
    return error(ModelLibrary::tr("Cannot download %1: %2\nYou can also get it from %3, put it "
                                  "in %4 and check again, or import it.")
                     .arg(name, QString::fromStdString(result.error().message),
                          QString::fromStdString(model.url), nativeText(*folder)));
  }
  if (const auto stamp = stampOf(target))
    rememberHash(absoluteText(target), *stamp, QString::fromStdString(result->sha256));
  return toQString(target);
}

fr::Result<QString> importModel(const QString& file, const fr::CatalogModel& model,
                                bool acceptMismatch) {
  const fs::path source = toPath(file);
  auto check = checkPath(source, model, Verification::full);
  if (!check) return check.error();
  if (!check->matches && !acceptMismatch)
    return error(ModelLibrary::tr("%1 is not the official %2 (%3). Choose the file published at "
                                  "%4, or import this one anyway.")
                     .arg(QDir::toNativeSeparators(file), QString::fromStdString(model.name),
                          check->detail, QString::fromStdString(model.url)));
  auto folder = prepareDownloadFolder();
  if (!folder) return folder.error();
  const fs::path target = *folder / model.file;
  std::error_code ec;
  if (fs::exists(target, ec) && fs::equivalent(source, target, ec)) return toQString(target);

  const auto sourceStamp = stampOf(source);
  QFile in(file);
  if (!in.open(QIODevice::ReadOnly))
    return error(ModelLibrary::tr("%1 cannot be read (%2).")
                     .arg(QDir::toNativeSeparators(file), in.errorString()));
  // QSaveFile writes a temporary file beside the target and renames it over the target on
  // commit(); destroyed without commit() it removes the temporary file.
  QSaveFile out(toQString(target));
  const auto writeFailed = [&](const QString& why) {
    return error(ModelLibrary::tr("Cannot write %1 (%2). Check that the disk has room and that "
                                  "you may write in %3.")
                     .arg(nativeText(target), why, nativeText(*folder)));
  };
  if (!out.open(QIODevice::WriteOnly)) return writeFailed(out.errorString());
  QByteArray buffer(4 << 20, Qt::Uninitialized);
  quint64 copied = 0;
  for (;;) {
    const qint64 n = in.read(buffer.data(), buffer.size());
    if (n < 0)
      return error(ModelLibrary::tr("Reading %1 failed (%2).")
                       .arg(QDir::toNativeSeparators(file), in.errorString()));
    if (n == 0) break;
    if (out.write(buffer.constData(), n) != n) return writeFailed(out.errorString());
    copied += quint64(n);
  }
  if (!sourceStamp || copied != sourceStamp->size)
    return error(ModelLibrary::tr("%1 changed while it was copied; import it again.")
                     .arg(QDir::toNativeSeparators(file)));
  if (!out.commit()) return writeFailed(out.errorString());
  // The copy has the source's hash when the source was hashed and did not change meanwhile.
  if (const auto after = stampOf(source); after && *after == *sourceStamp)
    if (const auto sha = cachedHash(absoluteText(source), *sourceStamp))
      if (const auto targetStamp = stampOf(target))
        rememberHash(absoluteText(target), *targetStamp, *sha);
  return toQString(target);
}

void forgetModelHashes() {
  QMutexLocker lock(&cacheMutex());
  memoryCache().clear();
  QSettings().remove(QLatin1String(kHashGroup));
}

}  // namespace fr::gui
