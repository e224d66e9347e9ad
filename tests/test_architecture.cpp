#include <gtest/gtest.h>

#include <set>

#include "core/cpu/cpu_backend.h"
#include "models/gfpgan.h"
#include "models/layers.h"
#include "models/network_registry.h"
#include "models/retinaface.h"
#include "models/rrdbnet.h"
#include "models/srvgg.h"
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
  const auto a = detect("models/test/gfpgan-clean-n0125.pth").get<GfpganConfig>();
  EXPECT_EQ(a.out_size, 512);
  EXPECT_DOUBLE_EQ(a.narrow, 0.125);
  EXPECT_EQ(a.style_width, 512);
  const auto b = detect("models/test/gfpgan-clean-n0125-s256.pth").get<GfpganConfig>();
  EXPECT_DOUBLE_EQ(b.narrow, 0.125);
  EXPECT_EQ(b.style_width, 256);
}

TEST(Architecture, RrdbnetScaleFromTheFirstConvolution) {
  const auto x4 = detect("models/test/rrdbnet-x4-f32-b2.pth").get<RrdbnetConfig>();
  EXPECT_EQ(x4.scale, 4);
  EXPECT_EQ(x4.nf, 32);
  EXPECT_EQ(x4.blocks, 2);
  EXPECT_EQ(x4.gc, 16);
  const auto x2 = detect("models/test/rrdbnet-x2-f32-b1.pth").get<RrdbnetConfig>();
  EXPECT_EQ(x2.scale, 2);
  EXPECT_EQ(x2.nf, 32);
  EXPECT_EQ(x2.blocks, 1);
  EXPECT_EQ(x2.gc, 16);
}

TEST(Architecture, SrvggCompact) {
  const auto c = detect("models/realesr-general-x4v3.pth").get<SrvggConfig>();
  EXPECT_EQ(c.num_conv, 32);
  EXPECT_EQ(c.scale, 4);
  EXPECT_EQ(c.nf, 64);
}

TEST(Architecture, RetinafaceMobilenet) {
  const auto c = detect("models/retinaface-mobilenet0.25.pth").get<RetinafaceConfig>();
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
  EXPECT_EQ(c->get<RetinafaceConfig>().backbone, RetinafaceConfig::Backbone::resnet50);
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

TEST(Architecture, EveryNetworkRowRecognisesItsOwnWeights) {
  std::set<std::string> names;
  for (const NetworkRow& row : network_rows()) {
    SCOPED_TRACE(row.name);
    EXPECT_TRUE(names.insert(row.name).second);
    const ModelConfig config = row.default_config();
    EXPECT_EQ(&config.network(), &row);
    std::map<std::string, Weight> weights;
    for (const auto& [name, shape] : expected_weights(config)) weights[name].shape = shape;
    const WeightStore store("shapes.pth", std::move(weights));
    auto detected = detect_architecture(store);
    ASSERT_TRUE(detected.ok()) << detected.error().message;
    EXPECT_EQ(&detected->network(), &row);
    EXPECT_EQ(describe(*detected), describe(config));
    EXPECT_TRUE(check_weights(store, *detected).ok());
    EXPECT_EQ(row.load_upscaler != nullptr, row.role == NetworkRole::background_upscaler);
  }
}

TEST(Architecture, ConfigsKnowTheirNetworkAndDescribeIt) {
  const ModelConfig gfpgan = GfpganConfig{512, 0.125, 256};
  EXPECT_STREQ(gfpgan.network().name, "GFPGANv1Clean");
  EXPECT_EQ(gfpgan.network().role, NetworkRole::face_restorer);
  EXPECT_EQ(gfpgan.get<GfpganConfig>().style_width, 256);
  EXPECT_EQ(gfpgan.get_if<RrdbnetConfig>(), nullptr);
  EXPECT_THROW(gfpgan.get<RrdbnetConfig>(), std::logic_error);
  EXPECT_EQ(describe(gfpgan), "GFPGANv1Clean (out 512, narrow 0.125, style width 256)");
  EXPECT_EQ(describe(RrdbnetConfig{}), "RRDBNet (x4, nf 64, 23 blocks, gc 32)");
  EXPECT_EQ(describe(SrvggConfig{}), "SRVGGNetCompact (x4, 32 convs, nf 64)");
  EXPECT_EQ(describe(RetinafaceConfig{RetinafaceConfig::Backbone::resnet50}),
            "RetinaFace (resnet50)");
  EXPECT_EQ(ModelConfig(RetinafaceConfig{}).network().role, NetworkRole::face_detector);
  EXPECT_TRUE(ModelConfig().empty());
}

TEST(Architecture, AnotherNetworksWeightsAreNamed) {
  std::map<std::string, Weight> weights;
  for (const auto& [name, shape] : expected_weights(RrdbnetConfig{})) weights[name].shape = shape;
  const WeightStore store("x4.pth", std::move(weights));
  auto config = checked_config<GfpganConfig>(store);
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().message,
            "x4.pth: holds RRDBNet (x4, nf 64, 23 blocks, gc 32), not GFPGANv1Clean");
}

// The pipeline loads its face network and its upscaler by the weights' row: another role's
// weights are named, with the networks that role has.
TEST(Architecture, TheWrongRolesWeightsAreNamed) {
  std::map<std::string, Weight> weights;
  for (const auto& [name, shape] : expected_weights(SrvggConfig{})) weights[name].shape = shape;
  const WeightStore store("x4v3.pth", std::move(weights));
  CpuBackend be;
  auto face = load_face_network(store, be);
  ASSERT_FALSE(face.ok());
  EXPECT_EQ(face.error().message, "x4v3.pth: holds " + describe(SrvggConfig{}) +
                                      ", not a face restoration network (GFPGANv1Clean)");
  std::map<std::string, Weight> gfpgan;
  for (const auto& [name, shape] : expected_weights(GfpganConfig{})) gfpgan[name].shape = shape;
  const WeightStore face_store("v1.4.pth", std::move(gfpgan));
  auto upscaler = load_upscaler(face_store, be);
  ASSERT_FALSE(upscaler.ok());
  EXPECT_EQ(upscaler.error().message, "v1.4.pth: holds " + describe(GfpganConfig{}) +
                                          ", not an upscaler (RRDBNet or SRVGGNetCompact)");
}

TEST(Architecture, LoadingNamesTheWeightAndBothShapes) {
  std::map<std::string, Weight> weights;
  weights["a.weight"] = Weight{{3, 2}, std::vector<float>(6, 1.0f)};
  const WeightStore store("damaged.pth", std::move(weights));
  CpuBackend be;
  {
    WeightPlan p(store, be);
    EXPECT_TRUE(p.tensor("a.weight", {3, 2}).shape() == (Shape{1, 1, 3, 2}));
    EXPECT_TRUE(p.status().ok());
    p.tensor("b.weight", {4});
    p.tensor("a.bias", {2});
    ASSERT_FALSE(p.status().ok());
    EXPECT_EQ(p.status().error().message, "damaged.pth: the weight b.weight is missing");
  }
  {
    WeightPlan p(store, be);
    p.matrix("a.weight", 2, 3);
    ASSERT_FALSE(p.status().ok());
    EXPECT_EQ(p.status().error().message,
              "damaged.pth: the weight a.weight is (3, 2), expected (2, 3)");
  }
  // Listing records every name and shape and reads nothing.
  WeightPlan listing;
  EXPECT_TRUE(listing.tensor("a.weight", {2, 3}).empty());
  listing.unused("a.num_batches_tracked", {});
  EXPECT_EQ(listing.shapes(), (WeightShapes{{"a.weight", {2, 3}}, {"a.num_batches_tracked", {}}}));
  EXPECT_THROW(listing.unused("a.weight", {2, 3}), std::logic_error);  // declared twice
}

}  // namespace fr::test
