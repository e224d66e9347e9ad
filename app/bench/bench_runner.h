// What facerestore-bench measures: single networks on a tensor of a given size, and the whole
// pipeline on a photo, stage by stage. Times are wall-clock milliseconds on the calling
// thread, each run ending with Backend::finish() (so GPU work is included).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/device.h"
#include "core/tensor.h"

namespace fr::bench {

// A network and its input size. `name` is one of network_names().
struct NetworkCase {
  std::string name;
  int height = 0, width = 0;
};

// "srvgg" (SRVGGNetCompact ×4, realesr-general-x4v3's shape), "gfpgan" (GFPGANv1Clean,
// out 512, narrow 1, style width 512), "rrdbnet" (RRDBNet ×4, 23 blocks), "rrdbnet-x2",
// "retinaface" (mobilenet0.25).
const std::vector<std::string>& network_names();
// The input size the performance targets use for `name` (docs/benchmarks.md).
NetworkCase default_case(const std::string& name);

struct BenchSettings {
  ResolvedDevice device;
  BackendOptions backend;
  int repeats = 5;  // timed runs
  int warmup = 1;   // untimed runs before them
  // Weights of that network read from a file instead of random ones (same architecture
  // expected); the key is a network name.
  std::vector<std::pair<std::string, std::filesystem::path>> weights;
};

struct Timing {
  std::vector<double> ms;  // one per timed run
  double median() const;
  double min() const;
};

struct NetworkResult {
  NetworkCase what;
  std::string description;  // the architecture, e.g. "RRDBNet (×4, 23 blocks, …)"
  Timing time;
  int64_t macs = 0;                // multiply-accumulates of one run
  int64_t peak_rss_bytes = -1;     // the process's peak resident memory during load and runs
  int64_t peak_device_bytes = -1;  // the backend's peak tensor memory (Backend::peak_memory_bytes)
  std::string error;               // empty when the runs succeeded
  double gflops() const;           // 2·macs per median run time, in 10⁹ per second
};

NetworkResult run_network(const NetworkCase& what, const BenchSettings& settings);

struct PipelineCase {
  std::filesystem::path photo;
  int width = 0, height = 0;                 // repeat the photo to this size (0: as it is)
  std::filesystem::path detector;            // RetinaFace weights; empty: random (finds no faces)
  std::filesystem::path face;                // GFPGAN weights; empty: random, full size
  std::string background = "rrdbnet-x2";     // a network name, or "none"
  std::filesystem::path background_weights;  // empty: random
  double upscale = 2.0;
  int tile = 400;
};

struct StageResult {
  std::string stage;  // "read", "detect", …, "write" (core/pipeline stage names)
  Timing time;        // per run, the sum over that stage's steps
  // The most resident memory while the stage ran (the peak is reset as each stage begins);
  // −1 where the system cannot reset it.
  int64_t peak_rss_bytes = -1;
  // The most tensor memory the backends held while the stage ran (PipelineModels::peak_memory).
  int64_t peak_device_bytes = -1;
};

struct PipelineResult {
  std::string photo;  // "4000×3000, 2 faces"
  Timing time;        // whole runs, read to write
  std::vector<StageResult> stages;
  int64_t peak_rss_bytes = -1;
  int64_t peak_device_bytes = -1;
  std::string error;
};

PipelineResult run_pipeline(const PipelineCase& what, const BenchSettings& settings);

// The process's peak resident memory (VmHWM), and resetting it to the current size
// (/proc/self/clear_refs). −1 / false where the system does not offer them.
int64_t peak_resident_bytes();
bool reset_peak_resident();

}  // namespace fr::bench
