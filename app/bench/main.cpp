// facerestore-bench: times the networks and the whole pipeline on one device and reports
// median and minimum times, effective GFLOP/s and peak memory (docs/benchmarks.md).
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/bench/bench_runner.h"
#include "core/cpu/cpu_info.h"
#include "core/device.h"

namespace {

using fr::bench::NetworkCase;

const char* const kUsage = R"(Usage: facerestore-bench [options]
  --network LIST     networks to time, comma-separated, each NAME or NAME@HxW
                     (srvgg, gfpgan, rrdbnet, rrdbnet-x2, retinaface; default: srvgg,gfpgan,
                     rrdbnet,retinaface at their target sizes 320x480, 512x512, 128x128, 720x1280)
  --weights NAME=PATH  time NAME with the weights in PATH instead of random ones
  --pipeline PHOTO   also time the whole pipeline on PHOTO, stage by stage
  --photo-size WxH   repeat the photo side by side to this size first (e.g. 4000x3000);
                     its faces keep their size, so a large photo has many faces
  --detector PATH    RetinaFace weights for the pipeline (random weights find no faces)
  --face PATH        GFPGAN weights for the pipeline (default: random, full size)
  --background NAME  the pipeline's background network: rrdbnet-x2 (default), rrdbnet,
                     srvgg or none
  --upscale S        the pipeline's final scale (default 2)
  --tile N           the background tile in input pixels (default 400)
  --only-pipeline    time the pipeline only
  --device D         cpu (default), vulkan, vulkan:N, vulkan:UUID or vulkan:NAME
  --threads N        CPU threads (default: all cores)
  --fp16             store tensors as fp16 on the GPU
  --repeats N        timed runs (default 5)
  --warmup N         untimed runs before them (default 1)
  --json             print the results as JSON instead of a table
)";

int usage_error(const std::string& message) {
  std::cerr << "facerestore-bench: " << message << "\n(--help lists the options)\n";
  return 2;
}

// A whole number ≥ `min`, nothing else in the text.
bool parse_count(const std::string& text, int min, int& out) {
  char* end = nullptr;
  const long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < min || v > 1'000'000) return false;
  out = int(v);
  return true;
}

bool parse_size(const std::string& text, int& a, int& b) {
  char x = 0;
  std::istringstream in(text);
  return bool(in >> a >> x >> b) && x == 'x' && a > 0 && b > 0 && in.peek() == EOF;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep))
    if (!part.empty()) parts.push_back(part);
  return parts;
}

bool known_network(const std::string& name) {
  for (const auto& n : fr::bench::network_names())
    if (n == name) return true;
  return false;
}

double mib(int64_t bytes) {
  return bytes < 0 ? -1.0 : double(bytes) / (1024.0 * 1024.0);
}

std::string mib_text(int64_t bytes) {
  if (bytes < 0) return "n/a";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", mib(bytes));
  return buf;
}

nlohmann::json timing_json(const fr::bench::Timing& t) {
  return {{"median_ms", t.median()}, {"min_ms", t.min()}, {"runs_ms", t.ms}};
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<NetworkCase> cases;
  fr::bench::BenchSettings settings;
  fr::bench::PipelineCase pipeline;
  bool with_pipeline = false, only_pipeline = false, json = false, fp16 = false;
  std::string device = "cpu";
  int threads = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string& out) {
      if (i + 1 >= argc) return false;
      out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--json") {
      json = true;
    } else if (arg == "--fp16") {
      fp16 = true;
    } else if (arg == "--only-pipeline") {
      only_pipeline = true;
    } else if (!value(v)) {
      return usage_error(arg.rfind("--", 0) == 0 ? arg + " needs a value"
                                                 : "unknown argument " + arg);
    } else if (arg == "--network") {
      for (const auto& item : split(v, ',')) {
        const auto at = item.find('@');
        NetworkCase c = fr::bench::default_case(item.substr(0, at));
        if (!known_network(c.name)) return usage_error("unknown network " + item);
        if (at != std::string::npos && !parse_size(item.substr(at + 1), c.height, c.width))
          return usage_error("expected NAME@HxW, got " + item);
        cases.push_back(c);
      }
    } else if (arg == "--weights") {
      const auto eq = v.find('=');
      if (eq == std::string::npos || !known_network(v.substr(0, eq)))
        return usage_error("expected --weights NAME=PATH with a known network, got " + v);
      settings.weights.emplace_back(v.substr(0, eq), v.substr(eq + 1));
    } else if (arg == "--pipeline") {
      with_pipeline = true, pipeline.photo = v;
    } else if (arg == "--photo-size") {
      if (!parse_size(v, pipeline.width, pipeline.height)) return usage_error("expected WxH");
    } else if (arg == "--detector") {
      pipeline.detector = v;
    } else if (arg == "--face") {
      pipeline.face = v;
    } else if (arg == "--background") {
      if (v != "none" && (!known_network(v) || v == "gfpgan" || v == "retinaface"))
        return usage_error("unknown background network " + v);
      pipeline.background = v;
    } else if (arg == "--upscale") {
      pipeline.upscale = std::atof(v.c_str());
      if (pipeline.upscale < 1.0) return usage_error("--upscale must be at least 1");
    } else if (arg == "--tile") {
      if (!parse_count(v, 0, pipeline.tile))
        return usage_error("--tile must be a whole number, 0 or more");
    } else if (arg == "--device") {
      device = v;
    } else if (arg == "--threads") {
      if (!parse_count(v, 1, threads))
        return usage_error("--threads must be a whole number, at least 1");
    } else if (arg == "--warmup") {
      if (!parse_count(v, 0, settings.warmup))
        return usage_error("--warmup must be a whole number, 0 or more");
    } else if (arg == "--repeats") {
      if (!parse_count(v, 1, settings.repeats))
        return usage_error("--repeats must be a whole number, at least 1");
    } else {
      return usage_error("unknown option " + arg);
    }
  }
  if (only_pipeline && !with_pipeline) return usage_error("--only-pipeline needs --pipeline");
  if (cases.empty() && !only_pipeline)
    for (const char* name : {"srvgg", "gfpgan", "rrdbnet", "retinaface"})
      cases.push_back(fr::bench::default_case(name));
  if (only_pipeline) cases.clear();

  if (auto choice = fr::parse_device_choice(device); !choice)
    return usage_error(choice.error().message);
  auto resolved = fr::choose_device(device, nullptr);
  if (!resolved) {
    std::cerr << "facerestore-bench: " << resolved.error().message << "\n";
    return 1;
  }
  settings.device = *resolved;
  settings.backend.cpu_threads = threads;
  settings.backend.vulkan_fp16_storage = fp16;
  const fr::CpuInfo cpu_info = fr::query_cpu_info();
  const int used_threads = threads > 0 ? threads : cpu_info.threads;

  nlohmann::json out{{"device", settings.device.str()},
                     {"cpu", cpu_info.name},
                     {"isa", cpu_info.isa},
                     {"threads", used_threads},
                     {"fp16_storage", fp16},
                     {"repeats", settings.repeats},
                     {"warmup", settings.warmup},
                     {"networks", nlohmann::json::array()}};
  if (!json) {
    std::printf("device %s, %d CPU threads (%s, %s)%s, %d runs each after %d warm-up\n",
                settings.device.str().c_str(), used_threads, cpu_info.name.c_str(),
                cpu_info.isa.c_str(), fp16 ? ", fp16 storage" : "", settings.repeats,
                settings.warmup);
    std::printf("%-12s %-10s %10s %10s %9s %9s %9s %11s\n", "network", "input", "median ms",
                "min ms", "GMAC", "GFLOP/s", "peak RSS", "peak device");
  }
  int failures = 0;
  for (const NetworkCase& c : cases) {
    const auto r = fr::bench::run_network(c, settings);
    const std::string input = std::to_string(c.height) + "x" + std::to_string(c.width);
    if (!r.error.empty()) {
      ++failures;
      std::cerr << "facerestore-bench: " << c.name << " " << input << ": " << r.error << "\n";
    }
    if (json) {
      nlohmann::json j = timing_json(r.time);
      j.update({{"name", c.name},
                {"height", c.height},
                {"width", c.width},
                {"description", r.description},
                {"macs", r.macs},
                {"gflops_per_s", r.gflops()},
                {"peak_rss_mib", mib(r.peak_rss_bytes)},
                {"peak_device_mib", mib(r.peak_device_bytes)},
                {"error", r.error}});
      out["networks"].push_back(j);
    } else if (r.error.empty()) {
      std::printf("%-12s %-10s %10.1f %10.1f %9.2f %9.1f %9s %11s\n", c.name.c_str(), input.c_str(),
                  r.time.median(), r.time.min(), double(r.macs) / 1e9, r.gflops(),
                  mib_text(r.peak_rss_bytes).c_str(), mib_text(r.peak_device_bytes).c_str());
    }
    std::fflush(stdout);
  }
  if (with_pipeline) {
    const auto r = fr::bench::run_pipeline(pipeline, settings);
    if (!r.error.empty()) {
      ++failures;
      std::cerr << "facerestore-bench: the pipeline: " << r.error << "\n";
    }
    if (json) {
      nlohmann::json j = timing_json(r.time);
      j.update({{"photo", r.photo},
                {"background", pipeline.background},
                {"upscale", pipeline.upscale},
                {"tile", pipeline.tile},
                {"peak_rss_mib", mib(r.peak_rss_bytes)},
                {"peak_device_mib", mib(r.peak_device_bytes)},
                {"error", r.error},
                {"stages", nlohmann::json::array()}});
      for (const auto& s : r.stages) {
        nlohmann::json sj = timing_json(s.time);
        sj["stage"] = s.stage;
        sj["peak_rss_mib"] = mib(s.peak_rss_bytes);
        sj["peak_device_mib"] = mib(s.peak_device_bytes);
        j["stages"].push_back(sj);
      }
      out["pipeline"] = j;
    } else if (r.error.empty()) {
      std::printf(
          "\npipeline on %s (background %s, ×%g, tile %d): median %.0f ms, min %.0f ms, "
          "peak RSS %s MiB, peak device %s MiB\n",
          r.photo.c_str(), pipeline.background.c_str(), pipeline.upscale, pipeline.tile,
          r.time.median(), r.time.min(), mib_text(r.peak_rss_bytes).c_str(),
          mib_text(r.peak_device_bytes).c_str());
      for (const auto& s : r.stages)
        std::printf("  %-12s median %9.1f ms  min %9.1f ms  peak RSS %s MiB  peak device %s MiB\n",
                    s.stage.c_str(), s.time.median(), s.time.min(),
                    mib_text(s.peak_rss_bytes).c_str(), mib_text(s.peak_device_bytes).c_str());
    }
  }
  if (json) std::cout << out.dump(2) << "\n";
  return failures ? 1 : 0;
}
