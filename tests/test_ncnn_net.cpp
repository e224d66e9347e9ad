#include <cmath>
#include <cstring>

#include <gtest/gtest.h>

#include "core/cpu/cpu_backend.h"
#include "core/vulkan/vulkan_backend.h"
#include "core/vulkan/vulkan_devices.h"
#include "models/ncnn_net.h"
#include "models/npy.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

double max_abs_diff(const HostTensor& a, const HostTensor& b) {
  double m = 0;
  for (size_t i = 0; i < a.data.size(); ++i)
    m = std::max(m, std::abs(double(a.data[i]) - b.data[i]));
  return m;
}

// Parses a .param text whose weights (in .param order) are `bin` (raw fp32, tag 0).
NcnnModel model(const std::string& param, const std::vector<float>& bin = {}) {
  std::vector<uint8_t> bytes(bin.size() * 4);
  if (!bytes.empty()) std::memcpy(bytes.data(), bin.data(), bytes.size());
  MemorySource src(bytes.data(), bytes.size(), "t.bin");
  auto m = parse_ncnn(param, src, "t.param");
  EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
  return m.ok() ? std::move(*m) : NcnnModel{};
}

HostTensor run(const NcnnModel& m, const HostTensor& x) {
  CpuBackend be;
  auto net = NcnnNet::load(m, be);
  EXPECT_TRUE(net.ok()) << (net.ok() ? "" : net.error().message);
  if (!net.ok()) return {};
  auto y = (*net)->forward(be.upload(x));
  EXPECT_TRUE(y.ok()) << (y.ok() ? "" : y.error().message);
  if (!y.ok()) return {};
  return *be.download(*y);
}

HostTensor iota(const Shape& s) {
  HostTensor t(s);
  for (size_t i = 0; i < t.data.size(); ++i) t.data[i] = float(i);
  return t;
}

}  // namespace

// The real realesr-general-x4v3 ncnn graph against the official PyTorch output.
TEST(NcnnNet, RealesrGeneralMatchesThePyTorchFixtureOnEveryBackend) {
  auto m = read_ncnn(require_test_data("models/realesr-general-x4v3.param"),
                     require_test_data("models/realesr-general-x4v3.bin"));
  ASSERT_TRUE(m.ok()) << m.error().message;
  auto x = read_npy_tensor(require_test_data("fixtures/srvgg-realesr-general-x4v3/input.npy"));
  auto want = read_npy_tensor(require_test_data("fixtures/srvgg-realesr-general-x4v3/output.npy"));
  ASSERT_TRUE(x.ok() && want.ok());

  struct Case {
    std::string name;
    std::unique_ptr<Backend> backend;
    double tolerance;
  };
  std::vector<Case> cases;
  cases.push_back({"cpu", std::make_unique<CpuBackend>(), 1e-4});
  auto devices = list_vulkan_devices();
  ASSERT_TRUE(devices.ok() && !devices->empty()) << "no Vulkan device (lavapipe expected)";
  for (bool fp16 : {false, true}) {
    auto vk = create_vulkan_backend({devices->front().index, fp16});
    ASSERT_TRUE(vk.ok()) << vk.error().message;
    cases.push_back({fp16 ? "vulkan fp16" : "vulkan fp32", std::move(*vk), fp16 ? 2e-2 : 1e-3});
  }
  for (Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto net = NcnnNet::load(*m, *c.backend);
    ASSERT_TRUE(net.ok()) << net.error().message;
    auto y = (*net)->forward(c.backend->upload(*x));
    ASSERT_TRUE(y.ok()) << y.error().message;
    auto got = c.backend->download(*y);
    ASSERT_TRUE(got.ok()) << got.error().message;
    ASSERT_EQ(got->shape, want->shape);
    EXPECT_LE(max_abs_diff(*got, *want), c.tolerance);
  }
}

// SAME_UPPER padding (-233): a 2×2 kernel pads right and bottom only.
TEST(NcnnNet, ConvolutionSamePadding) {
  const NcnnModel m = model(
      "7767517\n2 2\nInput in 0 1 x\nConvolution c 1 1 x y 0=1 1=2 4=-233 15=-233 14=-233 16=-233 "
      "6=4\n",
      {0, 1, 2, 3, 4});                     // the fp32 tag (0), then the weights 1, 2, 3, 4
  const HostTensor x = iota({1, 1, 2, 3});  // [[0 1 2] [3 4 5]]
  const HostTensor y = run(m, x);
  ASSERT_EQ(y.shape, (Shape{1, 1, 2, 3}));
  auto at = [&](int r, int c) { return (r < 2 && c < 3) ? x.at(0, 0, r, c) : 0.0f; };
  for (int r = 0; r < 2; ++r)
    for (int c = 0; c < 3; ++c)
      EXPECT_FLOAT_EQ(y.at(0, 0, r, c),
                      1 * at(r, c) + 2 * at(r, c + 1) + 3 * at(r + 1, c) + 4 * at(r + 1, c + 1));
}

// Deconvolution: stride 2, kernel 3 with pad 1 cut from every side and output_pad 1.
TEST(NcnnNet, DeconvolutionCutsThePadding) {
  std::vector<float> bin = {0};  // fp32 tag
  for (int i = 0; i < 9; ++i) bin.push_back(float(i + 1));
  const NcnnModel m = model(
      "7767517\n2 2\nInput in 0 1 x\nDeconvolution d 1 1 x y 0=1 1=3 3=2 4=1 18=1 6=9\n", bin);
  const HostTensor x = iota({1, 1, 2, 2});
  const HostTensor y = run(m, x);
  // Full size (2−1)·2 + 3 + 1 = 6, minus the pad on both sides: 4.
  ASSERT_EQ(y.shape, (Shape{1, 1, 4, 4}));
  // Output (0,0) is full-grid (1,1): reached by input (0,0) through tap (1,1) = weight 5.
  EXPECT_FLOAT_EQ(y.at(0, 0, 0, 0), 0.0f * 5);
  // Output (1,1) is full-grid (2,2): input (0,0)·w(2,2) + (0,1)·w(2,0) + (1,0)·w(0,2) +
  // (1,1)·w(0,0).
  EXPECT_FLOAT_EQ(y.at(0, 0, 1, 1), 0 * 9 + 1 * 7 + 2 * 3 + 3 * 1);
}

TEST(NcnnNet, CropBothForms) {
  const HostTensor x = iota({1, 3, 4, 5});
  // Offset form: w from 1, h from 2, all channels (outw, outh, outc given; -233 = to the end).
  const HostTensor a =
      run(model("7767517\n2 2\nInput in 0 1 x\nCrop c 1 1 x y 0=1 1=2 3=3 4=-233 5=-233\n"), x);
  ASSERT_EQ(a.shape, (Shape{1, 3, 2, 3}));
  EXPECT_EQ(a.at(0, 2, 1, 2), x.at(0, 2, 3, 3));
  // Slice form: channels 1..2, the last two columns.
  const HostTensor b = run(model("7767517\n2 2\nInput in 0 1 x\nCrop c 1 1 x y -23309=2,1,-2 "
                                 "-23310=2,3,-233 -23311=2,0,2\n"),
                           x);
  ASSERT_EQ(b.shape, (Shape{1, 2, 4, 2}));
  EXPECT_EQ(b.at(0, 0, 0, 0), x.at(0, 1, 0, 3));
}

TEST(NcnnNet, ElementwiseLayers) {
  const HostTensor x = iota({1, 2, 2, 2});
  // rsub with a scalar: 10 − x.
  const HostTensor r =
      run(model("7767517\n2 2\nInput in 0 1 x\nBinaryOp b 1 1 x y 0=7 1=1 2=10.0\n"), x);
  EXPECT_EQ(r.data[3], 7.0f);
  // Eltwise sum with coefficients of a split blob: 2x − 0.5x = 1.5x.
  const HostTensor e = run(model("7767517\n3 4\nInput in 0 1 x\nSplit s 1 2 x a b\nEltwise e 2 1 a "
                                 "b y 0=1 -23301=2,2.0,-0.5\n"),
                           x);
  EXPECT_FLOAT_EQ(e.data[5], 7.5f);
  // Concat of the split halves along channels, then a reshape to 2 channels of 4×2.
  const HostTensor c = run(model("7767517\n4 5\nInput in 0 1 x\nSplit s 1 2 x a b\nConcat c 2 1 a "
                                 "b y 0=0\nReshape r 1 1 y z 0=2 1=-1 2=2\n"),
                           x);
  ASSERT_EQ(c.shape, (Shape{1, 2, 4, 2}));
  EXPECT_EQ(c.at(0, 1, 0, 0), x.data[0]);  // the second copy starts the second channel
  const HostTensor s = run(model("7767517\n2 2\nInput in 0 1 x\nSigmoid g 1 1 x y\n"), x);
  EXPECT_NEAR(s.data[1], 1.0 / (1.0 + std::exp(-1.0)), 1e-6);
}

TEST(NcnnNet, InterpAndPadding) {
  const HostTensor x = iota({1, 1, 2, 2});
  // Bilinear to 4×4 (half-pixel): output (0,1) samples x = 0.25·… between columns 0 and 1.
  const HostTensor b =
      run(model("7767517\n2 2\nInput in 0 1 x\nInterp i 1 1 x y 0=2 3=4 4=4\n"), x);
  ASSERT_EQ(b.shape, (Shape{1, 1, 4, 4}));
  EXPECT_FLOAT_EQ(b.at(0, 0, 0, 1), 0.25f);  // src x = 1.5·0.5 − 0.5 = 0.25, row 0
  // Nearest ×2 by scale.
  const HostTensor n =
      run(model("7767517\n2 2\nInput in 0 1 x\nInterp i 1 1 x y 0=1 1=2.0 2=2.0\n"), x);
  EXPECT_EQ(n.at(0, 0, 3, 3), x.at(0, 0, 1, 1));
  // Reflect padding by 1 on the left: [1 0 1] in row 0.
  const HostTensor p = run(model("7767517\n2 2\nInput in 0 1 x\nPadding p 1 1 x y 2=1 4=2\n"), x);
  ASSERT_EQ(p.shape, (Shape{1, 1, 2, 3}));
  EXPECT_EQ(p.at(0, 0, 0, 0), 1.0f);
}

// A PReLU that alone reads a convolution's output runs as its epilogue; the result is the same
// as the two layers apart, and the blob between them is then not kept.
TEST(NcnnNet, ActivationAfterAConvolutionIsFused) {
  HostTensor x = iota({1, 1, 2, 2});
  for (float& v : x.data) v -= 2.0f;  // −2, −1, 0, 1
  // 1×1 conv to two channels (weights 1 and −1, biases 0.5 and 0), then PReLU (0.5, 0.25).
  const std::vector<float> bin = {0.0f, 1.0f, -1.0f, 0.5f, 0.0f, 0.5f, 0.25f};
  const std::string conv = "Convolution c 1 1 x h 0=2 1=1 5=1 6=2\n";
  const NcnnModel fused =
      model("7767517\n3 3\nInput in 0 1 x\n" + conv + "PReLU p 1 1 h y 0=2\n", bin);
  const HostTensor y = run(fused, x);
  ASSERT_EQ(y.shape, (Shape{1, 2, 2, 2}));
  EXPECT_FLOAT_EQ(y.at(0, 0, 0, 0), -0.75f);  // (−2 + 0.5)·0.5
  EXPECT_FLOAT_EQ(y.at(0, 0, 1, 1), 1.5f);
  EXPECT_FLOAT_EQ(y.at(0, 1, 0, 0), 2.0f);
  EXPECT_FLOAT_EQ(y.at(0, 1, 1, 1), -0.25f);  // −1·0.25

  // The convolution's output also read elsewhere: not fused, same values.
  const NcnnModel apart = model("7767517\n5 6\nInput in 0 1 x\n" + conv +
                                    "Split s 1 2 h h1 h2\nPReLU p 1 1 h1 y1 0=2\n"
                                    "BinaryOp b 2 1 y1 h2 y 0=5\n",
                                bin);
  const HostTensor m = run(apart, x);  // min(prelu(h), h) = h
  EXPECT_FLOAT_EQ(m.at(0, 0, 0, 0), -1.5f);
  EXPECT_FLOAT_EQ(m.at(0, 1, 1, 1), -1.0f);

  CpuBackend be;
  auto net = NcnnNet::load(fused, be);
  ASSERT_TRUE(net.ok()) << net.error().message;
  auto h = (*net)->forward(be.upload(x), "h");
  ASSERT_FALSE(h.ok());
  EXPECT_NE(h.error().message.find("not kept"), std::string::npos) << h.error().message;
}

TEST(NcnnNet, UnsupportedConfigurationsAreNamed) {
  CpuBackend be;
  const NcnnModel dilated =
      model("7767517\n2 2\nInput in 0 1 x\nConvolution c 1 1 x y 0=1 1=3 2=2 6=9\n",
            std::vector<float>(10, 0.0f));
  auto net = NcnnNet::load(dilated, be);
  ASSERT_FALSE(net.ok());
  EXPECT_NE(net.error().message.find("layer c (Convolution): dilation"), std::string::npos)
      << net.error().message;

  const NcnnModel wrong = model("7767517\n2 3\nInput in 0 1 x\nBinaryOp b 2 1 x z y 0=0\n");
  auto net2 = NcnnNet::load(wrong, be);
  ASSERT_TRUE(net2.ok());
  auto y = (*net2)->forward(be.upload(iota({1, 1, 2, 2})));
  ASSERT_FALSE(y.ok());
  EXPECT_NE(y.error().message.find("'z'"), std::string::npos) << y.error().message;
}

}  // namespace fr::test
