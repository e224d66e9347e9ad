// The catalog's models on this computer: which are present, missing or corrupt, downloading one
// (with progress and its checksum checked) and importing a file the user already has. No
// widgets; the download runs on the thread that calls it.
#pragma once

#include <QString>
#include <QVector>
#include <functional>

#include "models/model_catalog.h"

namespace fr::gui {

enum class ModelState { present, missing, corrupt };

struct ModelEntry {
  fr::CatalogModel model;
  ModelState state = ModelState::missing;
  QString path;    // the file found (present or corrupt); empty when missing
  QString detail;  // why it is corrupt, in words
};

// The state of every catalog model in `folders` (model_search_folders order).
QVector<ModelEntry> scanModels(const std::vector<std::filesystem::path>& folders);

}  // namespace fr::gui
