#include "app/bench/bench_runner.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <memory>
#include <opencv2/imgproc.hpp>
#include <sstream>

#include "app/restore/image_io.h"
#include "app/restore/pipeline.h"
#include "app/restore/pipeline_models.h"
#include "app/restore/session.h"
#include "core/noise_rng.h"
#include "models/gfpgan.h"
#include "models/random_weights.h"
#include "models/retinaface.h"
#include "models/rrdbnet.h"
#include "models/srvgg.h"
#include "models/upscaler.h"

namespace fr::bench {
namespace {

using Clock = std::chrono::steady_clock;

// `bgr` repeated side by side and cut to width × height pixels: a large photo whose faces
// keep the size the detector finds them at.
cv::Mat repeat_to_size(const cv::Mat& bgr, int width, int height) {
  cv::Mat repeated;
  cv::repeat(bgr, (height + bgr.rows - 1) / bgr.rows, (width + bgr.cols - 1) / bgr.cols, repeated);
  return repeated(cv::Rect(0, 0, width, height)).clone();
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

ModelConfig config_of(const std::string& name) {
  if (name == "srvgg") return SrvggConfig{};
  if (name == "gfpgan") return GfpganConfig{};
  if (name == "rrdbnet") return RrdbnetConfig{};
  if (name == "rrdbnet-x2") {
    RrdbnetConfig c;
    c.scale = 2;
    return c;
  }
  return RetinafaceConfig{};
}

Result<WeightStore> weights_for(const std::string& name, const BenchSettings& settings) {
  for (const auto& [network, path] : settings.weights)
    if (network == name) return load_weights(path);
  return random_weights(config_of(name));
}

// An input of the network's range: uniform in (lo, hi].
HostTensor random_input(const Shape& s, float lo, float hi) {
  HostTensor t(s);
  for (size_t i = 0; i < t.data.size(); ++i)
    t.data[i] = lo + (hi - lo) * uniform_from_bits(mix32(uint32_t(i) ^ 0x2545f491U));
  return t;
}

// A loaded network as one callable run on `x`.
struct LoadedNetwork {
  std::string description;
  std::function<Result<Tensor>(const Tensor&)> forward;  // owns the model
  float lo = 0.0f, hi = 1.0f;                            // input range
};

Result<LoadedNetwork> load_network(const std::string& name, const WeightStore& weights,
                                   Backend& be) {
  LoadedNetwork net;
  if (name == "gfpgan") {
    auto g = Gfpgan::load(weights, be);
    if (!g) return g.error();
    std::shared_ptr<Gfpgan> model = std::move(*g);
    net.description = describe(ModelConfig(model->config()));
    net.forward = [model](const Tensor& x) { return model->forward(x); };
    net.lo = -1.0f;
    return net;
  }
  if (name == "retinaface") {
    auto r = Retinaface::load(weights, be);
    if (!r) return r.error();
    std::shared_ptr<Retinaface> model = std::move(*r);
    net.description = describe(ModelConfig(model->config()));
    net.forward = [model](const Tensor& x) -> Result<Tensor> {
      auto levels = model->forward(x);
      if (!levels) return levels.error();
      return Tensor();
    };
    net.lo = -123.0f, net.hi = 151.0f;
    return net;
  }
  auto u = load_upscaler(weights, be);
  if (!u) return u.error();
  std::shared_ptr<Upscaler> model = std::move(*u);
  net.description = model->describe();
  net.forward = [model](const Tensor& x) { return model->forward(x); };
  return net;
}

// Runs `once` settings.repeats times after settings.warmup untimed runs; the first error
// stops.
template <class Once>
std::string time_runs(const BenchSettings& settings, Timing& timing, Once once) {
  for (int i = 0; i < settings.warmup + settings.repeats; ++i) {
    const auto t0 = Clock::now();
    if (auto st = once(); !st) return st.error().message;
    if (i >= settings.warmup) timing.ms.push_back(ms_since(t0));
  }
  return {};
}

}  // namespace

const std::vector<std::string>& network_names() {
  static const std::vector<std::string> names{"srvgg", "gfpgan", "rrdbnet", "rrdbnet-x2",
                                              "retinaface"};
  return names;
}

NetworkCase default_case(const std::string& name) {
  if (name == "srvgg") return {name, 320, 480};
  if (name == "gfpgan") return {name, 512, 512};
  if (name == "rrdbnet" || name == "rrdbnet-x2") return {name, 128, 128};
  return {name, 720, 1280};
}

double Timing::median() const {
  if (ms.empty()) return 0.0;
  std::vector<double> v = ms;
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

double Timing::min() const {
  return ms.empty() ? 0.0 : *std::min_element(ms.begin(), ms.end());
}

double NetworkResult::gflops() const {
  const double t = time.median();
  return t > 0 ? 2.0 * double(macs) / (t * 1e-3) / 1e9 : 0.0;
}

NetworkResult run_network(const NetworkCase& what, const BenchSettings& settings) {
  NetworkResult r;
  r.what = what;
  reset_peak_resident();
  auto weights = weights_for(what.name, settings);
  if (!weights) return r.error = weights.error().message, r;
  auto created = create_backend(settings.device, settings.backend);
  if (!created) return r.error = created.error().message, r;
  Backend& be = **created;
  be.reset_peak_memory();
  auto net = load_network(what.name, *weights, be);
  if (!net) return r.error = net.error().message, r;
  *weights = WeightStore();  // the host copy is not needed once uploaded
  r.description = net->description;
  const Tensor x = be.upload(random_input({1, 3, what.height, what.width}, net->lo, net->hi));
  r.error = time_runs(settings, r.time, [&]() -> Status {
    be.reset_mac_count();
    auto y = net->forward(x);
    if (!y) return y.error();
    return be.finish();
  });
  r.macs = be.mac_count();
  r.peak_rss_bytes = peak_resident_bytes();
  r.peak_device_bytes = be.peak_memory_bytes();
  return r;
}

PipelineResult run_pipeline(const PipelineCase& what, const BenchSettings& settings) {
  PipelineResult r;
  reset_peak_resident();
  PipelineModelFiles files;
  files.detector = what.detector;
  if (what.detector.empty())
    files.detector_weights = std::make_shared<WeightStore>(random_weights(RetinafaceConfig{}));
  files.face = what.face;
  if (what.face.empty())
    files.face_weights = std::make_shared<WeightStore>(random_weights(GfpganConfig{}));
  if (what.background != "none") {
    files.background = what.background_weights;
    if (what.background_weights.empty())
      files.background_weights =
          std::make_shared<WeightStore>(random_weights(config_of(what.background)));
  }
  SessionRequest request;
  request.device = settings.device.setting();
  request.backend = settings.backend;
  request.models = std::move(files);
  // Its copy of the in-memory weights would count in the peak memory; the CLI's holds paths.
  request.recovery = false;
  request.pipeline.upscale = what.upscale;
  request.pipeline.tiles.tile = what.tile;
  auto opened = Session::open(request);
  request = {};
  if (!opened) return r.error = opened.error().message, r;
  Session& session = **opened;
  const auto device_peak = session.models().peak_memory;
  const auto reset_device_peak = session.models().reset_peak_memory;

  std::map<std::string, std::vector<double>> stage_ms;
  std::map<std::string, int64_t> stage_peak, stage_device_peak;
  std::vector<std::string> order;
  int faces = 0, width = 0, height = 0;
  int64_t peak = peak_resident_bytes();  // loading the models, before the first reset
  r.peak_device_bytes = device_peak ? device_peak() : -1;
  const bool resettable = reset_peak_resident();
  r.error = time_runs(settings, r.time, [&]() -> Status {
    std::map<std::string, double> run;
    auto mark = Clock::now();
    std::string current = "read";
    auto enter = [&](const std::string& stage) {
      run[current] += ms_since(mark);
      mark = Clock::now();
      if (stage != current) {  // the stage's peaks, then a fresh start for the next
        if (resettable) {
          stage_peak[current] = std::max(stage_peak[current], peak_resident_bytes());
          reset_peak_resident();
        }
        if (device_peak) {
          stage_device_peak[current] = std::max(stage_device_peak[current], device_peak());
          reset_device_peak();
        }
      }
      current = stage;
      if (std::find(order.begin(), order.end(), stage) == order.end()) order.push_back(stage);
    };
    enter("read");
    auto loaded = read_image(what.photo);
    if (!loaded) return loaded.error();
    cv::Mat bgr = loaded->bgr;
    if (what.width > 0 && what.height > 0) bgr = repeat_to_size(bgr, what.width, what.height);
    width = bgr.cols, height = bgr.rows;
    RunControl control;
    control.on_progress = [&](const ProgressEvent& e) { enter(stage_name(e.stage)); };
    auto restored = session.restore(bgr, control);
    if (!restored) return restored.error();
    faces = int(restored->faces.size());
    enter("write");
    auto encoded = encode_image(restored->image, ".jpg", 95);
    if (!encoded) return encoded.error();
    enter("");
    for (const auto& [stage, ms] : run)
      if (!stage.empty()) stage_ms[stage].push_back(ms);
    return {};
  });
  for (const auto& stage : order) {
    if (stage.empty()) continue;
    r.stages.push_back({stage, Timing{stage_ms[stage]}, resettable ? stage_peak[stage] : -1,
                        device_peak ? stage_device_peak[stage] : -1});
    peak = std::max(peak, stage_peak[stage]);
    r.peak_device_bytes = std::max(r.peak_device_bytes, stage_device_peak[stage]);
  }
  std::ostringstream photo;
  photo << width << "x" << height << ", " << faces << (faces == 1 ? " face" : " faces");
  r.photo = photo.str();
  r.peak_rss_bytes = std::max(peak, peak_resident_bytes());
  return r;
}

int64_t peak_resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;  // kB
  return -1;
}

bool reset_peak_resident() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  return bool(clear.flush());
}

}  // namespace fr::bench
