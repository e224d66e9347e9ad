#include <gtest/gtest.h>

#include "models/architecture.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

ModelConfig detect(const char* file) {
  auto w = load_weights(require_test_data(file));
  EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
  if (!w.ok()) return {};
  auto c = detect_architecture(*w);
  EXPECT_TRUE(c.ok()) << (c.ok() ? "" : c.error().message);
  if (!c.ok()) return {};
  // Every key and shape of the detected architecture is present, nothing else.
  auto st = check_weights(*w, *c);
  EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
  return *c;
}

}  // namespace

TEST(Architecture, GfpganNarrowAndStyleWidthFromTheCheckpoint) {
  const auto a = std::get<GfpganConfig>(detect("models/test/gfpgan-clean-n0125.pth"));
  EXPECT_EQ(a.out_size, 512);
  EXPECT_DOUBLE_EQ(a.narrow, 0.125);
  EXPECT_EQ(a.style_width, 512);
  const auto b = std::get<GfpganConfig>(detect("models/test/gfpgan-clean-n0125-s256.pth"));
  EXPECT_DOUBLE_EQ(b.narrow, 0.125);
  EXPECT_EQ(b.style_width, 256);
}

TEST(Architecture, RrdbnetScaleFromTheFirstConvolution) {
  const auto x4 = std::get<RrdbnetConfig>(detect("models/test/rrdbnet-x4-f32-b2.pth"));
  EXPECT_EQ(x4.scale, 4);
  EXPECT_EQ(x4.nf, 32);
  EXPECT_EQ(x4.blocks, 2);
  EXPECT_EQ(x4.gc, 16);
  const auto x2 = std::get<RrdbnetConfig>(detect("models/test/rrdbnet-x2-f32-b1.pth"));
  EXPECT_EQ(x2.scale, 2);
  EXPECT_EQ(x2.nf, 32);
  EXPECT_EQ(x2.blocks, 1);
  EXPECT_EQ(x2.gc, 16);
}

TEST(Architecture, SrvggCompact) {
  const auto c = std::get<SrvggConfig>(detect("models/realesr-general-x4v3.pth"));
  EXPECT_EQ(c.num_conv, 32);
  EXPECT_EQ(c.scale, 4);
  EXPECT_EQ(c.nf, 64);
}

TEST(Architecture, RetinafaceMobilenet) {
  const auto c = std::get<RetinafaceConfig>(detect("models/retinaface-mobilenet0.25.pth"));
  EXPECT_EQ(c.backbone, RetinafaceConfig::Backbone::mobilenet025);
}

TEST(Architecture, ResNet50RetinafaceLayoutIsComplete) {
  // No resnet50 file in ../shared: build its full key set and detect it back.
  const auto shapes = expected_weights(RetinafaceConfig{RetinafaceConfig::Backbone::resnet50});
  std::map<std::string, Weight> weights;
  for (const auto& [name, shape] : shapes) weights[name].shape = shape;
  const WeightStore store("resnet50.pth", std::move(weights));
  auto c = detect_architecture(store);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_EQ(std::get<RetinafaceConfig>(*c).backbone, RetinafaceConfig::Backbone::resnet50);
  EXPECT_TRUE(check_weights(store, *c).ok());
  EXPECT_EQ(store.find("fpn.output3.0.weight")->shape, (std::vector<int64_t>{256, 2048, 1, 1}));
}

TEST(Architecture, MismatchesAreNamed) {
  auto w = load_weights(require_test_data("models/test/rrdbnet-x2-f32-b1.pth"));
  ASSERT_TRUE(w.ok());
  auto c = detect_architecture(*w);
  ASSERT_TRUE(c.ok());
  auto weights = w->all();
  weights.erase("conv_hr.bias");
  weights["extra.weight"].shape = {1};
  weights["conv_up1.weight"].shape = {32, 32, 1, 1};
  const WeightStore damaged("damaged.pth", std::move(weights));
  auto st = check_weights(damaged, *c);
  ASSERT_FALSE(st.ok());
  for (const char* s : {"damaged.pth", "missing conv_hr.bias", "unexpected extra.weight",
                        "conv_up1.weight is (32, 32, 1, 1), expected (32, 32, 3, 3)"})
    EXPECT_NE(st.error().message.find(s), std::string::npos) << st.error().message;
}

TEST(Architecture, UnknownWeightsAreAnError) {
  std::map<std::string, Weight> weights;
  weights["encoder.layer.0.weight"].shape = {4};
  auto c = detect_architecture(WeightStore("other.pth", std::move(weights)));
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("encoder.layer.0.weight"), std::string::npos)
      << c.error().message;
}

}  // namespace fr::test
