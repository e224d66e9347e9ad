// The catalog's models on this computer: which are present, missing or corrupt, downloading one
// (with progress and its checksum checked) and importing a file the user already has. No
// widgets. Every function runs on the thread that calls it and may take seconds (hashing a
// 350 MB file, copying it, downloading it): the GUI calls them from a worker thread. All of
// them may be called from several threads at once.
//
// Verified hashes are cached by (absolute path, size, modification time), in memory and in the
// application's QSettings under "modelHashes/", so that only the first check of a file reads
// it whole; a file rewritten with the same size and time stamp is not noticed.
#pragma once

#include <QString>
#include <QVector>
#include <filesystem>
#include <functional>
#include <vector>

#include "core/error.h"
#include "models/model_catalog.h"

namespace fr::gui {

enum class ModelState { present, missing, corrupt };

// "Present", "Missing" or "Corrupt", translated.
QString modelStateName(ModelState state);

struct ModelEntry {
  fr::CatalogModel model;
  ModelState state = ModelState::missing;
  QString path;  // the file found (present or corrupt); empty when missing
  // Corrupt: why, in words ("size 12 bytes, expected 348632874", "checksum differs", or why
  // the file cannot be read). Present but not verified: why ("no published checksum", "not
  // verified yet"). Empty otherwise.
  QString detail;
  bool verified = false;  // present, and its SHA-256 matched the catalog's
};

// How far a check may go to compare a file's SHA-256 with the catalog's.
enum class Verification {
  full,        // hash a file whose hash is not cached yet (seconds for a big file)
  cachedOnly,  // never read a file: one whose hash is not cached is "present, not verified yet"
};

// The state of every model of `catalog` (model_catalog() in the first overload) in `folders`
// (model_search_folders order): the first folder holding the model's file decides. A size
// that differs from the catalog's makes the file corrupt without hashing it.
QVector<ModelEntry> scanModels(const std::vector<std::filesystem::path>& folders,
                               Verification verification = Verification::full);
QVector<ModelEntry> scanModels(const std::vector<std::filesystem::path>& folders,
                               const std::vector<fr::CatalogModel>& catalog,
                               Verification verification = Verification::full);

// How one file compares with a catalog model's release file.
struct FileCheck {
  bool matches = true;    // false when the size or SHA-256 the catalog records differs
  bool verified = false;  // the catalog's SHA-256 was compared and matched
  QString detail;         // as ModelEntry::detail
};

// Compares `file` with `model`'s recorded size and SHA-256 (the hash is cached as above). An
// error when the file does not exist or cannot be read.
fr::Result<FileCheck> checkModelFile(const QString& file, const fr::CatalogModel& model,
                                     Verification verification = Verification::full);

// Downloads `model` into fr::model_download_folder() (created if needed) with fr::download_file:
// an interrupted or cancelled download keeps <file>.part and resumes from it next time, and the
// file is moved into place only once its size and SHA-256 (where the catalog records them) are
// checked. `progress` is called on this thread with the bytes received so far and the total (0
// while unknown); returning false cancels, and the result is then an error. A model the catalog
// marks unsupported is refused. Returns the file's path.
fr::Result<QString> downloadModel(
    const fr::CatalogModel& model,
    const std::function<bool(quint64 received, quint64 total)>& progress = {});

// Copies `file` into fr::model_download_folder() under the catalog's file name and returns the
// new path. The file is first checked as checkModelFile does: a mismatch is an error saying it
// is not the official model, unless `acceptMismatch`. The copy goes to a temporary file in the
// target folder that is renamed over the target once complete: no partial file is ever left
// under the catalog name. Importing the target itself only checks it.
fr::Result<QString> importModel(const QString& file, const fr::CatalogModel& model,
                                bool acceptMismatch);

// Empties the hash cache, in memory and in QSettings: every file is hashed again on its next
// full check.
void forgetModelHashes();

}  // namespace fr::gui
