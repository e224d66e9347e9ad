// The models FaceRestore knows (resources/models.json, embedded at build time) and where model
// files are looked for: --models-dir, $FACERESTORE_MODELS, the user data folder, then models/
// beside the executable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace fr {

struct CatalogModel {
  std::string id;    // "gfpgan-v1.4"
  std::string name;  // "GFPGAN v1.4"
  std::string role;  // face, background, detector, parsing
  std::string file;  // the release's file name
  std::string url;
  std::optional<std::string> sha256;  // lower-case hex
  std::optional<uint64_t> size;       // bytes
  std::string license;
  bool supported = true;
  std::string note;
};

const std::vector<CatalogModel>& model_catalog();
// By id ("gfpgan-v1.4") or file name ("GFPGANv1.4.pth"); nullptr if unknown.
const CatalogModel* find_catalog_model(const std::string& id_or_file);

// The folders searched for model files, in order; `flag_dir` is --models-dir (may be empty).
std::vector<std::filesystem::path> model_search_folders(const std::filesystem::path& flag_dir);
// Where downloads go: the user data folder's models/ ($XDG_DATA_HOME or ~/.local/share on
// Linux, %LOCALAPPDATA% on Windows), or $FACERESTORE_MODELS when set.
std::filesystem::path model_download_folder();

// The first existing copy of the model's file; the error names the model, every folder
// searched and the URL to get it from.
Result<std::filesystem::path> locate_model(const CatalogModel& model,
                                           const std::vector<std::filesystem::path>& folders);

// Parses a catalog document (the embedded one, or a test's).
Result<std::vector<CatalogModel>> parse_model_catalog(const std::string& json);

}  // namespace fr
