#include "models/model_catalog.h"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "core/path_text.h"

namespace fr {

extern const char* const kEmbeddedModelCatalog;  // generated from resources/models.json

namespace {

std::filesystem::path executable_folder() {
#ifdef __linux__
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) return exe.parent_path();
#endif
  return {};
}

}  // namespace

Result<std::vector<CatalogModel>> parse_model_catalog(const std::string& text) {
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.contains("models") || !doc["models"].is_array())
    return Error{"the model catalog is not valid JSON with a \"models\" list"};
  std::vector<CatalogModel> out;
  for (const auto& m : doc["models"]) {
    CatalogModel c;
    try {
      c.id = m.at("id").get<std::string>();
      c.name = m.at("name").get<std::string>();
      c.role = m.at("role").get<std::string>();
      c.file = m.at("file").get<std::string>();
      c.url = m.at("url").get<std::string>();
      c.license = m.at("license").get<std::string>();
      c.supported = m.value("supported", true);
      c.note = m.value("note", "");
      if (m.contains("sha256") && !m["sha256"].is_null()) c.sha256 = m["sha256"].get<std::string>();
      if (m.contains("size") && !m["size"].is_null()) c.size = m["size"].get<uint64_t>();
    } catch (const nlohmann::json::exception& e) {
      return Error{"the model catalog entry " + m.dump() + " is incomplete: " + e.what()};
    }
    out.push_back(std::move(c));
  }
  return out;
}

const std::vector<CatalogModel>& model_catalog() {
  static const std::vector<CatalogModel> catalog = [] {
    auto parsed = parse_model_catalog(kEmbeddedModelCatalog);
    FR_CHECK(parsed.ok(), parsed.ok() ? "" : parsed.error().message);
    return *parsed;
  }();
  return catalog;
}

const CatalogModel* find_catalog_model(const std::string& id_or_file) {
  for (const auto& m : model_catalog())
    if (m.id == id_or_file || m.file == id_or_file) return &m;
  return nullptr;
}

std::filesystem::path model_download_folder() {
  if (const char* env = std::getenv("FACERESTORE_MODELS"); env && *env) return env;
#ifdef _WIN32
  const char* base = std::getenv("LOCALAPPDATA");
  return std::filesystem::path(base ? base : ".") / "FaceRestore" / "models";
#else
  const char* xdg = std::getenv("XDG_DATA_HOME");
  const char* home = std::getenv("HOME");
  const std::filesystem::path data =
      xdg && *xdg ? std::filesystem::path(xdg)
                  : std::filesystem::path(home ? home : ".") / ".local" / "share";
  return data / "facerestore" / "models";
#endif
}

std::vector<std::filesystem::path> model_search_folders(const std::filesystem::path& flag_dir) {
  std::vector<std::filesystem::path> folders;
  if (!flag_dir.empty()) folders.push_back(flag_dir);
  if (const char* env = std::getenv("FACERESTORE_MODELS"); env && *env) folders.emplace_back(env);
  const auto user = model_download_folder();
  if (folders.empty() || folders.back() != user) folders.push_back(user);
  if (auto exe = executable_folder(); !exe.empty()) folders.push_back(exe / "models");
  return folders;
}

Result<std::filesystem::path> locate_model(const CatalogModel& model,
                                           const std::vector<std::filesystem::path>& folders) {
  std::error_code ec;
  std::string searched;
  for (const auto& folder : folders) {
    const auto candidate = folder / model.file;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    searched += (searched.empty() ? "" : ", ") + path_text(folder);
  }
  return Error{"the model " + model.name + " (" + model.file + ") was not found in " + searched +
               "; download it from " + model.url + " or let FaceRestore download it"};
}

}  // namespace fr
