// GFPGAN against the official GFPGANv1Clean outputs (../shared/fixtures/gfpgan-clean-*), and
// the full-size architecture with random weights.
#include <cmath>
#include <map>
#include <random>

#include "app/restore/image_io.h"
#include "models/gfpgan.h"
#include "tests/networks/network_test_support.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

class GfpganTest : public NetworkTest {
 protected:
  // Issue 5: max-abs 1e-3 on the CPU and Vulkan float32, 2e-2 with fp16 storage.
  double parity_tolerance() const { return tolerance(1e-3, 1e-3, 2e-2); }

  struct Run {
    HostTensor output;
    std::vector<HostTensor> encoder_rgb;  // 8, 16, …, 512
  };
  // The network on a fixture's input.npy, once per process, backend and fixture.
  const Run& run_fixture(const std::string& model, const std::string& fixture) {
    static std::map<std::string, Run> runs;
    const std::string key = backend_name() + "/" + fixture;
    if (auto it = runs.find(key); it != runs.end()) return it->second;
    Run& run = runs[key];
    const WeightStore weights = read_test_weights("models/test/" + model);
    const HostTensor input = read_fixture("fixtures/" + fixture + "/input.npy");
    if (weights.empty() || input.data.empty()) return run;
    auto net = Gfpgan::load(weights, be());
    EXPECT_TRUE(net.ok()) << (net.ok() ? "" : net.error().message);
    if (!net.ok()) return run;
    std::vector<Tensor> rgb;
    auto y = (*net)->forward(be().upload(input), {}, &rgb);
    EXPECT_TRUE(y.ok()) << (y.ok() ? "" : y.error().message);
    if (!y.ok()) return run;
    run.output = down(*y);
    for (const Tensor& t : rgb) run.encoder_rgb.push_back(down(t));
    return run;
  }

  void expect_matches(const HostTensor& got, const std::string& fixture_file) {
    expect_matches_fixture(got, fixture_file, parity_tolerance());
  }
};

TEST_P(GfpganTest, StyleWidth512MatchesThePyTorchOutput) {
  const Run& run = run_fixture("gfpgan-clean-n0125.pth", "gfpgan-clean-n0125");
  expect_matches(run.output, "fixtures/gfpgan-clean-n0125/output.npy");
}

// The encoder's auxiliary toRGB image at resolution R (8 … 512), one test each: a mismatch
// here says the encoder half is wrong, and at which depth.
#define FR_ENCODER_IMAGE_TEST(R)                                                                  \
  TEST_P(GfpganTest, StyleWidth512EncoderImage##R##MatchesThePyTorchOne) {                        \
    const Run& run = run_fixture("gfpgan-clean-n0125.pth", "gfpgan-clean-n0125");                 \
    ASSERT_EQ(run.encoder_rgb.size(), 7u);                                                        \
    int level = 0;                                                                                \
    while ((8 << level) < (R)) ++level;                                                           \
    expect_matches(run.encoder_rgb[size_t(level)], "fixtures/gfpgan-clean-n0125/rgb_" #R ".npy"); \
  }
FR_ENCODER_IMAGE_TEST(8)
FR_ENCODER_IMAGE_TEST(16)
FR_ENCODER_IMAGE_TEST(32)
FR_ENCODER_IMAGE_TEST(64)
FR_ENCODER_IMAGE_TEST(128)
FR_ENCODER_IMAGE_TEST(256)
FR_ENCODER_IMAGE_TEST(512)
#undef FR_ENCODER_IMAGE_TEST

TEST_P(GfpganTest, StyleWidth256MatchesThePyTorchOutput) {
  const Run& run = run_fixture("gfpgan-clean-n0125-s256.pth", "gfpgan-clean-n0125-s256");
  expect_matches(run.output, "fixtures/gfpgan-clean-n0125-s256/output.npy");
}

// The only checkpoint whose 14 noise strengths are not 0: the stored noise maps, each scaled by
// its layer's strength, change the output by up to 0.11.
TEST_P(GfpganTest, NoiseStrengthsMatchThePyTorchOutput) {
  const Run& run =
      run_fixture("gfpgan-clean-n0125-s256-noise.pth", "gfpgan-clean-n0125-s256-noise");
  expect_matches(run.output, "fixtures/gfpgan-clean-n0125-s256-noise/output.npy");
}

// The weights with every StyleConv noise strength (`...style_conv*.weight`, one value) set to
// `strength`: the test checkpoints keep StyleGAN2's initial 0, which hides the noise entirely.
WeightStore with_noise_strength(const WeightStore& weights, float strength) {
  std::map<std::string, Weight> all = weights.all();
  int changed = 0;
  for (auto& [name, w] : all) {
    const bool style_conv = name.find("style_conv") != std::string::npos;
    const bool ends_weight = name.size() > 7 && name.compare(name.size() - 7, 7, ".weight") == 0;
    if (style_conv && ends_weight && w.numel() == 1) {
      w.values[0] = strength;
      ++changed;
    }
  }
  EXPECT_EQ(changed, 15);
  return WeightStore(weights.source(), std::move(all));
}

// Random noise is a pure function of the seed, and it is used: the output moves away from the
// stored-noise one.
TEST_P(GfpganTest, RandomNoiseFollowsTheSeed) {
  const WeightStore weights =
      with_noise_strength(read_test_weights("models/test/gfpgan-clean-n0125.pth"), 0.5f);
  const HostTensor input = read_fixture("fixtures/gfpgan-clean-n0125/input.npy");
  ASSERT_FALSE(weights.empty() || input.data.empty());
  auto net = Gfpgan::load(weights, be());
  ASSERT_TRUE(net.ok()) << net.error().message;
  const Tensor x = be().upload(input);
  auto run = [&](FaceNetworkOptions::Noise noise, uint64_t seed) {
    auto y = (*net)->forward(x, {noise, seed});
    EXPECT_TRUE(y.ok()) << (y.ok() ? "" : y.error().message);
    return y.ok() ? down(*y) : HostTensor{};
  };
  const HostTensor a = run(FaceNetworkOptions::Noise::random, 7);
  const HostTensor b = run(FaceNetworkOptions::Noise::random, 7);
  const HostTensor c = run(FaceNetworkOptions::Noise::random, 8);
  const HostTensor stored = run(FaceNetworkOptions::Noise::stored, 7);
  EXPECT_EQ(max_abs_diff(a, b), 0.0);
  EXPECT_GT(max_abs_diff(a, c), 1e-3);
  EXPECT_GT(max_abs_diff(a, stored), 1e-3);
}

TEST_P(GfpganTest, RefusesWeightsOfAnotherNetwork) {
  const WeightStore weights = read_test_weights("models/test/rrdbnet-x2-f32-b1.pth");
  ASSERT_FALSE(weights.empty());
  auto net = Gfpgan::load(weights, be());
  ASSERT_FALSE(net.ok());
  EXPECT_NE(net.error().message.find("RRDBNet"), std::string::npos) << net.error().message;
  EXPECT_NE(net.error().message.find("not GFPGAN"), std::string::npos) << net.error().message;
}

// Weights for `config` drawn like the official initialisation: unit-variance values scaled by
// 1/√fan_in, so activations keep their size through the depth of the network.
WeightStore random_gfpgan_weights(const GfpganConfig& config) {
  std::mt19937 rng(2024);
  std::uniform_real_distribution<float> uniform(-std::sqrt(3.0f), std::sqrt(3.0f));
  std::map<std::string, Weight> weights;
  for (const auto& [name, shape] : expected_weights(config)) {
    Weight w;
    w.shape = shape;
    w.values.resize(size_t(w.numel()));
    int64_t fan_in = 1;
    for (size_t d = (shape.size() == 5 ? 2 : 1); d < shape.size(); ++d) fan_in *= shape[d];
    const bool is_bias = name.size() > 5 && name.compare(name.size() - 5, 5, ".bias") == 0;
    float scale = shape.size() >= 2 ? 1.0f / std::sqrt(float(fan_in)) : 0.1f;
    if (name.find("noises.") != std::string::npos ||
        name.find("constant_input") != std::string::npos)
      scale = 1.0f;
    for (float& v : w.values) v = uniform(rng) * scale;
    if (is_bias && name.find("modulation") != std::string::npos)
      for (float& v : w.values) v += 1.0f;  // modulation biases start at 1
    weights[name] = std::move(w);
  }
  return WeightStore("random full-size GFPGAN", std::move(weights));
}

// The published v1.3/v1.4 size (narrow 1, style width 512) on a real aligned face.
TEST_P(GfpganTest, FullSizeNetworkRestoresARealFaceToFiniteValues) {
  const GfpganConfig config{512, 1.0, 512};
  const WeightStore weights = random_gfpgan_weights(config);
  auto net = Gfpgan::load(weights, be());
  ASSERT_TRUE(net.ok()) << net.error().message;
  EXPECT_EQ((*net)->config().narrow, 1.0);

  auto face = read_image_bgr(require_test_data("images/cropped_faces/Adele_crop.png"));
  ASSERT_TRUE(face.ok()) << face.error().message;
  ASSERT_EQ(face->rows, 512);
  ImageToTensorParams to_tensor;  // BGR → RGB, (x/255 − 0.5)/0.5
  for (int c = 0; c < 3; ++c) to_tensor.scale[c] = 2.0f / 255, to_tensor.offset[c] = -1.0f;
  const Tensor x =
      be().image_to_tensor({face->data, face->rows, face->cols, int64_t(face->step)}, to_tensor);
  auto y = (*net)->forward(x);
  ASSERT_TRUE(y.ok()) << y.error().message;
  const HostTensor out = down(*y);
  ASSERT_EQ(out.shape, (Shape{1, 3, 512, 512}));
  float lo = INFINITY, hi = -INFINITY;
  for (float v : out.data) {
    ASSERT_TRUE(std::isfinite(v));
    lo = std::min(lo, v), hi = std::max(hi, v);
  }
  EXPECT_LT(lo, hi) << "a constant image";
}

FR_INSTANTIATE_NETWORK_TEST(GfpganTest);

}  // namespace
}  // namespace fr::test
