#include "app/restore/pipeline_models.h"

#include <algorithm>
#include <map>
#include <memory>

#include "core/path_text.h"
#include "models/ncnn_net.h"
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

// A failed network run: the backend leaves its error state, so that the next image starts
// clean, and the error names what was running.
Error run_error(Backend& be, const Error& error, const std::string& what) {
  be.clear_error();
  return Error{what + " failed on " + be.name() + ": " + error.message, error.kind};
}

// An image network end to end: 8-bit BGR → RGB tensor in [lo, 1] → `forward` → clamped to
// [lo, 1] → 8-bit BGR (GFPGAN uses lo = −1, the upscalers 0).
template <class Forward>
Result<cv::Mat> run_image_network(Backend& be, const cv::Mat& bgr, float lo, Forward forward,
                                  const char* what) {
  ImageToTensorParams in;
  for (int c = 0; c < 3; ++c) in.scale[c] = (1.0f - lo) / 255.0f, in.offset[c] = lo;
  Result<Tensor> y = forward(be.image_to_tensor(view_of(bgr), in));
  if (!y) return run_error(be, y.error(), what);
  TensorToImageParams out;
  out.lo = lo;
  out.hi = 1.0f;
  out.scale = 255.0f / (1.0f - lo);
  out.offset = -lo * out.scale;
  auto image = be.tensor_to_image(*y, out);
  if (!image) return run_error(be, image.error(), what);
  if (image->not_finite > 0)
    return Error{std::string(what) + " on " + be.name() + " produced " +
                     std::to_string(image->not_finite) + " NaN or infinite values",
                 ErrorKind::not_finite};
  return to_mat(*image);
}

class RetinafaceDetector final : public FaceDetector {
 public:
  RetinafaceDetector(std::shared_ptr<Backend> be, std::unique_ptr<Retinaface> net)
      : be_(std::move(be)), net_(std::move(net)) {}
  std::string describe() const override { return fr::describe(net_->config()); }
  Result<std::vector<FaceDetection>> detect(const cv::Mat& bgr) override {
    auto found = net_->detect(view_of(bgr));
    if (!found) return run_error(*be_, found.error(), "face detection");
    return std::move(*found);
  }

 private:
  std::shared_ptr<Backend> be_;  // outlives net_ (declared first)
  std::unique_ptr<Retinaface> net_;
};

class GfpganRestorer final : public FaceRestorer {
 public:
  GfpganRestorer(std::shared_ptr<Backend> be, std::unique_ptr<Gfpgan> net, GfpganOptions noise)
      : be_(std::move(be)), net_(std::move(net)), noise_(noise) {}
  std::string describe() const override { return fr::describe(net_->config()); }
  Result<cv::Mat> restore(const cv::Mat& aligned_bgr) override {
    return run_image_network(
        *be_, aligned_bgr, -1.0f, [&](const Tensor& x) { return net_->forward(x, noise_); },
        "face restoration");
  }

 private:
  std::shared_ptr<Backend> be_;
  std::unique_ptr<Gfpgan> net_;
  GfpganOptions noise_;
};

// The upscaling networks behind one interface: a native Upscaler or an ncnn graph.
class NetworkUpscaler final : public ImageUpscaler {
 public:
  NetworkUpscaler(std::shared_ptr<Backend> be, std::unique_ptr<Upscaler> net)
      : be_(std::move(be)),
        net_(std::move(net)),
        scale_(net_->scale()),
        multiple_(net_->input_multiple()),
        description_(net_->describe()) {}
  NetworkUpscaler(std::shared_ptr<Backend> be, std::unique_ptr<NcnnNet> net, int scale,
                  std::string description)
      : be_(std::move(be)),
        ncnn_(std::move(net)),
        scale_(scale),
        description_(std::move(description)) {}

  int scale() const override { return scale_; }
  int input_multiple() const override { return multiple_; }
  std::string describe() const override { return description_; }
  Result<cv::Mat> upscale(const cv::Mat& bgr) override {
    return run_image_network(
        *be_, bgr, 0.0f,
        [&](const Tensor& x) { return net_ ? net_->forward(x) : ncnn_->forward(x); },
        "background upscaling");
  }
  // Runs a mid-grey image of kProbeSide² (grown to the input multiple) and scales its peak
  // tensor memory and largest tensor to one pixel; networks are fully convolutional, so
  // their memory grows with the pixels. Cached memory is returned before asking what is free.
  Result<TileMemory> measure_tile_memory() override {
    constexpr int kProbeSide = 64;
    const int side = (kProbeSide + multiple_ - 1) / multiple_ * multiple_;
    const cv::Mat probe(side, side, CV_8UC3, cv::Scalar::all(128));
    be_->reset_peak_memory();
    const int64_t held = be_->peak_memory_bytes();
    auto out = upscale(probe);
    if (!out) return out.error();
    const double pixels = double(side) * side;
    TileMemory m;
    if (held >= 0) m.bytes_per_pixel = double(be_->peak_memory_bytes() - held) / pixels;
    if (be_->largest_tensor_bytes() > 0)
      m.largest_tensor_per_pixel = double(be_->largest_tensor_bytes()) / pixels;
    be_->release_cached_memory();
    m.free_bytes = be_->free_memory_bytes();
    m.max_tensor_bytes = be_->max_tensor_bytes();
    return m;
  }

 private:
  std::shared_ptr<Backend> be_;
  std::unique_ptr<Upscaler> net_;
  std::unique_ptr<NcnnNet> ncnn_;
  int scale_ = 1, multiple_ = 1;
  std::string description_;
};

bool has_extension(const fs::path& p, const char* ext) {
  std::string e = p.extension().string();
  std::transform(e.begin(), e.end(), e.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  return e == ext;
}

// An ncnn pair named by its .param or .bin: the scale is measured on a small input.
Result<std::unique_ptr<ImageUpscaler>> load_ncnn_upscaler(const fs::path& file,
                                                          std::shared_ptr<Backend> be) {
  fs::path param = file, bin = file;
  param.replace_extension(".param");
  bin.replace_extension(".bin");
  auto model = read_ncnn(param, bin);
  if (!model) return model.error();
  auto net = NcnnNet::load(*model, *be);
  if (!net) return net.error();
  const int probe = 16;
  auto y = (*net)->forward(be->upload(HostTensor(Shape{1, 3, probe, probe})));
  if (!y)
    return Error{path_text(param) +
                 ": the graph cannot run on a 16×16 image: " + y.error().message};
  const Shape out = y->shape();
  if (out.c != 3 || out.h % probe || out.w != out.h || out.h < probe)
    return Error{path_text(param) + ": not an image upscaler (a 3×16×16 input gives " + out.str() +
                 ")"};
  const int scale = out.h / probe;
  auto up = std::make_unique<NetworkUpscaler>(
      be, std::move(*net), scale,
      "ncnn graph " + path_text(param.filename()) + " (×" + std::to_string(scale) + ")");
  return std::unique_ptr<ImageUpscaler>(std::move(up));
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
    auto net = Gfpgan::load(**weights, *be);
    if (!net) return net.error();
    models.restorer = std::make_unique<GfpganRestorer>(be, std::move(*net), options.noise);
  }
  if (!files.background.empty() || files.background_weights) {
    const bool ncnn =
        has_extension(files.background, ".param") || has_extension(files.background, ".bin");
    if (ncnn && !files.background_weights) {
      auto up = load_ncnn_upscaler(files.background, be);
      if (!up) return Error{"the background model: " + up.error().message};
      models.background = std::move(*up);
    } else {
      auto weights = weights_of(files.background, files.background_weights, "background");
      if (!weights) return weights.error();
      auto net = load_upscaler(**weights, *be);
      if (!net) return net.error();
      models.background = std::make_unique<NetworkUpscaler>(be, std::move(*net));
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
