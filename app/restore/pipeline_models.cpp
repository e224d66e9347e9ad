#include "app/restore/pipeline_models.h"

#include <algorithm>
#include <map>
#include <memory>

#include "core/path_text.h"
#include "models/face_network.h"
#include "models/image_network.h"
#include "models/ncnn_upscaler.h"
#include "models/retinaface.h"
#include "models/upscaler.h"
#include "models/weight_store.h"

namespace fr {
namespace {

namespace fs = std::filesystem;

ImageU8View view_of(const cv::Mat& bgr) {
  FR_CHECK(bgr.type() == CV_8UC3, "the networks take 8-bit BGR images");
  return {bgr.ptr<uint8_t>(), bgr.rows, bgr.cols, int64_t(bgr.step[0])};
}

cv::Mat to_mat(const ImageU8& image) {
  return cv::Mat(image.h, image.w, CV_8UC3, const_cast<uint8_t*>(image.data.data())).clone();
}

class RetinafaceDetector final : public FaceDetector {
 public:
  RetinafaceDetector(std::shared_ptr<Backend> be, std::unique_ptr<Retinaface> net)
      : be_(std::move(be)), net_(std::move(net)) {}
  std::string describe() const override { return fr::describe(net_->config()); }
  Result<std::vector<FaceDetection>> detect(const cv::Mat& bgr) override {
    auto found = net_->detect(view_of(bgr));
    if (!found) return network_run_error(*be_, found.error(), "face detection");
    return std::move(*found);
  }

 private:
  std::shared_ptr<Backend> be_;  // outlives net_ (declared first)
  std::unique_ptr<Retinaface> net_;
};

class NetworkFaceRestorer final : public FaceRestorer {
 public:
  NetworkFaceRestorer(std::shared_ptr<Backend> be, std::unique_ptr<FaceNetwork> net,
                      FaceNetworkOptions options)
      : be_(std::move(be)), net_(std::move(net)), options_(options) {}
  std::string describe() const override { return net_->describe(); }
  Result<cv::Mat> restore(const cv::Mat& aligned_bgr) override {
    auto face = net_->restore(view_of(aligned_bgr), options_);
    if (!face) return face.error();
    return to_mat(*face);
  }

 private:
  std::shared_ptr<Backend> be_;  // outlives net_ (declared first)
  std::unique_ptr<FaceNetwork> net_;
  FaceNetworkOptions options_;
};

bool has_extension(const fs::path& p, const char* ext) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return e == ext;
}

// An ncnn pair named by its .param or .bin.
Result<std::unique_ptr<Upscaler>> load_ncnn_pair(const fs::path& file, Backend& be) {
  fs::path param = file, bin = file;
  param.replace_extension(".param");
  bin.replace_extension(".bin");
  auto model = read_ncnn(param, bin);
  if (!model) return model.error();
  return load_ncnn_upscaler(*model, be, param);
}

// The in-memory weights when given (shared, not copied), else the file's.
Result<std::shared_ptr<const WeightStore>> weights_of(
    const fs::path& file, const std::shared_ptr<const WeightStore>& in_memory, const char* what) {
  if (in_memory) return in_memory;
  auto weights = load_weights(file);
  if (!weights) return Error{std::string("the ") + what + " model: " + weights.error().message};
  return std::shared_ptr<const WeightStore>(std::make_shared<WeightStore>(std::move(*weights)));
}

}  // namespace

Result<PipelineModels> load_pipeline_models(const PipelineModelFiles& files,
                                            const PipelineLoadOptions& options) {
  auto created = create_backend(options.device, options.backend);
  if (!created) return created.error();
  std::shared_ptr<Backend> be = std::move(*created);
  be->set_cancel_flag(options.cancel);
  PipelineModels models;
  models.backends.push_back(be);
  models.device = be->name();
  models.on_cpu = options.device.is_cpu;
  models.reload = [files, options](Recovery target) {
    PipelineLoadOptions moved = options;
    if (target == Recovery::cpu) {
      moved.device = ResolvedDevice{};
      moved.device.reason = "after a GPU failure";
    }
    return load_pipeline_models(files, moved);
  };
  std::vector<std::weak_ptr<Backend>> backends{be};

  if (!files.detector.empty() || files.detector_weights) {
    std::shared_ptr<Backend> det_be = be;
    if (options.backend.vulkan_fp16_storage && !options.device.is_cpu) {
      BackendOptions fp32 = options.backend;
      fp32.vulkan_fp16_storage = false;
      auto b = create_backend(options.device, fp32);
      if (!b) return b.error();
      det_be = std::move(*b);
      det_be->set_cancel_flag(options.cancel);
      backends.push_back(det_be);
      models.backends.push_back(det_be);
    }
    auto weights = weights_of(files.detector, files.detector_weights, "face detector");
    if (!weights) return weights.error();
    auto net = Retinaface::load(**weights, *det_be);
    if (!net) return net.error();
    models.detector = std::make_unique<RetinafaceDetector>(det_be, std::move(*net));
  }
  if (!files.face.empty() || files.face_weights) {
    auto weights = weights_of(files.face, files.face_weights, "face");
    if (!weights) return weights.error();
    auto net = load_face_network(**weights, *be);
    if (!net) return net.error();
    models.restorer = std::make_unique<NetworkFaceRestorer>(be, std::move(*net), options.face);
  }
  if (!files.background.empty() || files.background_weights) {
    const bool ncnn =
        has_extension(files.background, ".param") || has_extension(files.background, ".bin");
    if (ncnn && !files.background_weights) {
      auto up = load_ncnn_pair(files.background, *be);
      if (!up) return Error{"the background model: " + up.error().message};
      models.background = std::move(*up);
    } else {
      auto weights = weights_of(files.background, files.background_weights, "background");
      if (!weights) return weights.error();
      auto net = load_upscaler(**weights, *be);
      if (!net) return net.error();
      models.background = std::move(*net);
    }
  }
  if (auto st = be->finish(); !st) return with_context("loading the models", st.error());
  models.release_memory = [backends] {
    for (const auto& weak : backends)
      if (auto b = weak.lock()) b->release_cached_memory();
  };
  models.peak_memory = [backends] {
    int64_t sum = 0;
    for (const auto& weak : backends)
      if (auto b = weak.lock()) sum += b->peak_memory_bytes();
    return sum;
  };
  models.reset_peak_memory = [backends] {
    for (const auto& weak : backends)
      if (auto b = weak.lock()) b->reset_peak_memory();
  };
  return models;
}

Result<ModelReference> resolve_model_reference(const std::string& name_or_path,
                                               const std::string& role,
                                               const std::vector<fs::path>& folders) {
  std::error_code ec;
  const fs::path as_path(name_or_path);
  if (fs::is_regular_file(as_path, ec)) return ModelReference{as_path, nullptr};

  // GFPGAN's and facexlib's names for the models of its command line.
  static const std::map<std::string, std::string> kAliases = {
      {"retinaface_resnet50", "retinaface-resnet50"},
      {"retinaface_mobile0.25", "retinaface-mobilenet0.25"},
      {"realesrgan", "realesrgan-x2plus"},
  };
  std::string id = name_or_path;
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (auto it = kAliases.find(id); it != kAliases.end()) id = it->second;
  const CatalogModel* model = find_catalog_model(id);
  if (!model || model->role != role) {
    std::string known;
    for (const CatalogModel& m : model_catalog())
      if (m.role == role && m.supported) known += (known.empty() ? "" : ", ") + m.id;
    return Error{"'" + name_or_path + "' is neither a model file nor a known " + role +
                 " model (known: " + known + ")"};
  }
  if (!model->supported)
    return Error{model->name + " is not supported" +
                 (model->note.empty() ? "" : ": " + model->note)};
  auto located = locate_model(*model, folders);
  return ModelReference{located ? *located : fs::path(), model};
}

}  // namespace fr
