#include "app/cli/model_setup.h"

#include <cstdio>
#include <iostream>

#include "app/restore/downloader.h"
#include "core/path_text.h"

namespace fr::cli {
namespace {

namespace fs = std::filesystem;

// Downloads a catalog model that is in none of the folders; the file lands in
// --models-dir when given, else in the user's model folder.
Result<fs::path> download_model(const CatalogModel& model, const fs::path& models_dir) {
  const fs::path target = (models_dir.empty() ? model_download_folder() : models_dir) / model.file;
  std::cerr << "downloading " << model.name << " from " << model.url << "\n  to "
            << path_text(target) << "\n";
  DownloadRequest request{model.url, target, model.sha256, model.size};
  int last_percent = -1;
  auto result = download_file(request, [&](const DownloadProgress& p) {
    if (p.total > 0) {
      const int percent = int(p.received * 100 / p.total);
      if (percent != last_percent) std::fprintf(stderr, "\r  %3d%%", last_percent = percent);
    }
    return true;
  });
  std::cerr << "\n";
  if (!result)
    return Error{"cannot download " + model.name + ": " + result.error().message +
                 "\n  get it from " + model.url + " and put it in " +
                 path_text(target.parent_path())};
  if (!result->verified) std::cerr << "  note: no published checksum to verify this file against\n";
  return target;
}

// A catalog model found on disk whose published SHA-256 it does not have is refused (a
// damaged download, or another file under the same name) unless the user allows it.
Status check_published_hash(const CatalogModel& model, const fs::path& file,
                            const Options& options) {
  if (!model.sha256) return {};
  auto hash = sha256_file(file);
  if (!hash) return hash.error();
  if (*hash == *model.sha256) return {};
  const std::string what = path_text(file) + " is not the published " + model.name + " (SHA-256 " +
                           *hash + ", expected " + *model.sha256 + ")";
  if (options.allow_modified_models) {
    std::cerr << "warning: " << what << "; using it anyway (--allow-modified-models)\n";
    return {};
  }
  return Error{what +
               ": the file is damaged or another version. Delete it to download it "
               "again, or pass --allow-modified-models to use it anyway"};
}

Result<fs::path> model_file(const std::string& name_or_path, const std::string& role,
                            const Options& options) {
  const fs::path models_dir(options.models_dir);
  auto ref = resolve_model_reference(name_or_path, role, model_search_folders(models_dir));
  if (!ref) return ref.error();
  if (ref->path.empty()) return download_model(*ref->model, models_dir);
  if (ref->model)
    if (auto st = check_published_hash(*ref->model, ref->path, options); !st) return st.error();
  return ref->path;
}

// A path the user typed must exist; catalog names are not accepted where a path is asked for.
Result<fs::path> existing_file(const std::string& path, const char* option) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(path), ec))
    return Error{std::string(option) + " " + path + ": no such file"};
  return fs::path(path);
}

}  // namespace

Result<PipelineModelFiles> model_files_for(const Options& o) {
  PipelineModelFiles files;
  if (!o.no_face) {
    auto face = o.face_model.empty() ? model_file("gfpgan-v" + o.version, "face", o)
                                     : existing_file(o.face_model, "--face-model");
    if (!face) return face.error();
    files.face = *face;
    if (!o.aligned) {
      auto det = model_file(o.det_model, "detector", o);
      if (!det) return Error{"--det-model: " + det.error().message};
      files.detector = *det;
    }
  }
  if (!o.aligned) {
    if (!o.bg_model.empty()) {
      auto bg = existing_file(o.bg_model, "--bg-model");
      if (!bg) return bg.error();
      files.background = *bg;
    } else if (!o.bg_upsampler.empty()) {
      auto bg = model_file(o.bg_upsampler, "background", o);
      if (!bg) return Error{"--bg-upsampler: " + bg.error().message};
      files.background = *bg;
    }
  }
  return files;
}

}  // namespace fr::cli
