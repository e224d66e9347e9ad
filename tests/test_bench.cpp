// facerestore-bench: random weights fit their architectures, the MAC count follows the
// shapes, and the tool's JSON holds what docs/benchmarks.md says. No timings are checked.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/bench/bench_runner.h"
#include "models/gfpgan.h"
#include "models/random_weights.h"
#include "models/retinaface.h"
#include "models/rrdbnet.h"
#include "models/srvgg.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

TEST(RandomWeights, FitEveryArchitectureAndRepeat) {
  RrdbnetConfig small_rrdb;
  small_rrdb.blocks = 1;
  GfpganConfig small_gfpgan;
  small_gfpgan.narrow = 0.125;
  for (const ModelConfig& config : {ModelConfig(SrvggConfig{}), ModelConfig(small_rrdb),
                                    ModelConfig(small_gfpgan), ModelConfig(RetinafaceConfig{})}) {
    SCOPED_TRACE(describe(config));
    const WeightStore a = random_weights(config, 7), b = random_weights(config, 7);
    EXPECT_TRUE(check_weights(a, config)) << check_weights(a, config).error().message;
    auto detected = detect_architecture(a);
    ASSERT_TRUE(detected);
    EXPECT_EQ(describe(*detected), describe(config));
    for (const auto& [name, w] : a.all()) EXPECT_EQ(w.values, b.find(name)->values) << name;
  }
}

TEST(Bench, CountsTheMultiplyAccumulatesOfSrvgg) {
  bench::BenchSettings settings;
  settings.backend.cpu_threads = 1;
  settings.repeats = 2;
  const auto r = bench::run_network({"srvgg", 12, 17}, settings);
  ASSERT_EQ(r.error, "");
  // 3→64, 32 × 64→64, 64→48 (3·4²) convs, 3×3, at 12×17.
  const int64_t pixels = 12 * 17;
  EXPECT_EQ(r.macs, pixels * 9 * (3 * 64 + 32 * 64 * 64 + 64 * 48));
  EXPECT_EQ(r.time.ms.size(), 2u);
  EXPECT_GT(r.time.min(), 0.0);
  EXPECT_LE(r.time.min(), r.time.median());
  EXPECT_GT(r.peak_device_bytes, 0);  // at least the weights, 4 bytes each
  EXPECT_GT(r.peak_rss_bytes, r.peak_device_bytes);
}

TEST(Bench, PrintsJsonForEveryNetworkAsked) {
  const auto run = run_command(std::string(FACERESTORE_BENCH_PATH) +
                               " --network srvgg@8x8,retinaface@32x48 --repeats 1 --threads 1"
                               " --json 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto j = nlohmann::json::parse(run.output);
  ASSERT_EQ(j["networks"].size(), 2u);
  EXPECT_EQ(j["networks"][0]["name"], "srvgg");
  EXPECT_EQ(j["networks"][1]["height"], 32);
  EXPECT_EQ(j["networks"][1]["width"], 48);
  for (const auto& n : j["networks"]) {
    EXPECT_EQ(n["error"], "");
    EXPECT_GT(n["macs"].get<int64_t>(), 0);
    EXPECT_EQ(n["runs_ms"].size(), 1u);
  }
}

TEST(Bench, ThePipelineReportsEveryStageWithItsPeakMemory) {
  // Random RetinaFace weights find no face, so GFPGAN is loaded but does not run.
  const auto photo = require_test_data("images/Blake_Lively.jpg");
  const auto run = run_command(
      std::string(FACERESTORE_BENCH_PATH) + " --only-pipeline --pipeline '" + photo.string() +
      "' --background none --repeats 1 --warmup 0 --threads 1 --json 2>&1");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const auto j = nlohmann::json::parse(run.output)["pipeline"];
  EXPECT_EQ(j["error"], "");
  const double peak = j["peak_rss_mib"].get<double>();
  const double device_peak = j["peak_device_mib"].get<double>();
  std::vector<std::string> stages;
  for (const auto& s : j["stages"]) {
    stages.push_back(s["stage"].get<std::string>());
    EXPECT_EQ(s["runs_ms"].size(), 1u) << s.dump();
    // Reset as each stage begins, so each is at most the whole run's and holds the models.
    EXPECT_GT(s["peak_rss_mib"].get<double>(), 0) << s.dump();
    EXPECT_LE(s["peak_rss_mib"].get<double>(), peak) << s.dump();
    // The CPU backend's live tensors: the networks' weights at least.
    EXPECT_GT(s["peak_device_mib"].get<double>(), 300) << s.dump();  // GFPGAN's 340 MB
    EXPECT_LE(s["peak_device_mib"].get<double>(), device_peak) << s.dump();
  }
  EXPECT_EQ(stages, (std::vector<std::string>{"read", "detect", "background", "paste", "write"}));
  // Loading held the random weights (GFPGAN's 340 MB among them) besides the networks' own
  // copies; a stage after the reset holds only the networks.
  EXPECT_LT(j["stages"].back()["peak_rss_mib"].get<double>(), peak - 100) << j.dump();
}

TEST(Bench, RefusesUnknownNetworks) {
  const auto run = run_command(std::string(FACERESTORE_BENCH_PATH) + " --network vgg19 2>&1");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("unknown network vgg19"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace fr::test
