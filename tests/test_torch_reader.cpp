#include <cmath>
#include <random>

#include <gtest/gtest.h>

#include "models/byte_source.h"
#include "models/torch_reader.h"
#include "models/weight_store.h"
#include "tests/checkpoint_writer.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

// Storage "0" holds 0..5 (float32), storage "1" holds 0.5, 1.5, 2.5 as float16.
// a.weight: 2×3 view of "0"; b.transposed: its 3×2 transpose (strides 1, 3);
// c.strided: elements 2 and 4 of "0" (offset 2, stride 2); d.half: storage "1".
CheckpointParts sample_parts() {
  PickleWriter t;
  t.str("a.weight").tensor("FloatStorage", "0", 6, 0, {2, 3}, {3, 1});
  t.str("b.transposed").tensor("FloatStorage", "0", 6, 0, {3, 2}, {1, 3});
  t.str("c.strided").tensor("FloatStorage", "0", 6, 2, {2}, {2});
  t.str("d.half").tensor("HalfStorage", "1", 3, 0, {3}, {1});
  return {t.out, {{"0", f32_bytes({0, 1, 2, 3, 4, 5})}, {"1", f16_bytes({0.5f, 1.5f, 2.5f})}}};
}

void expect_sample(const WeightStore& w) {
  ASSERT_EQ(w.all().size(), 4u);  // "iter" is not a tensor; params_ema is unwrapped
  EXPECT_EQ(w.find("a.weight")->shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(w.find("a.weight")->values, (std::vector<float>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(w.find("b.transposed")->values, (std::vector<float>{0, 3, 1, 4, 2, 5}));
  EXPECT_EQ(w.find("c.strided")->values, (std::vector<float>{2, 4}));
  EXPECT_EQ(w.find("d.half")->values, (std::vector<float>{0.5f, 1.5f, 2.5f}));
}

Result<WeightStore> load_bytes(const std::string& bytes) {
  TempDir dir;
  write_file(dir.path() / "model.pth", bytes);
  return load_weights(dir.path() / "model.pth");
}

}  // namespace

TEST(TorchReader, ZipCheckpointWithViewsOffsetsAndSharedStorages) {
  auto w = load_bytes(zip_checkpoint(sample_parts()));
  ASSERT_TRUE(w.ok()) << w.error().message;
  expect_sample(*w);
}

TEST(TorchReader, LegacyCheckpointWithTheSameContent) {
  auto w = load_bytes(legacy_checkpoint(sample_parts(), {{"0", 4}, {"1", 2}}));
  ASSERT_TRUE(w.ok()) << w.error().message;
  expect_sample(*w);
}

TEST(TorchReader, ATensorReachingPastItsStorageIsRejected) {
  PickleWriter t;
  t.str("w").tensor("FloatStorage", "0", 6, 4, {2, 2}, {2, 1});  // needs elements 4..7
  auto w = load_bytes(zip_checkpoint({t.out, {{"0", f32_bytes({0, 1, 2, 3, 4, 5})}}}));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("past the end of its storage"), std::string::npos)
      << w.error().message;
}

// A checkpoint whose pickle would call os.system (or eval) when loaded by torch.load: it is
// refused with the function's name and nothing runs.
TEST(TorchReader, HostileGlobalsAreRefusedAndNothingRuns) {
  TempDir dir;
  const auto marker = dir.path() / "pwned";
  for (auto [module, name] : {std::pair{"os", "system"}, std::pair{"posix", "system"},
                              std::pair{"builtins", "eval"}, std::pair{"subprocess", "call"}}) {
    PickleWriter t;
    t.str("w").global(module, name).mark().str("touch " + marker.string()).tuple().reduce();
    auto w = load_bytes(zip_checkpoint({t.out, {}}));
    ASSERT_FALSE(w.ok()) << module << "." << name;
    EXPECT_NE(w.error().message.find(std::string(module) + "." + name), std::string::npos)
        << w.error().message;
    EXPECT_NE(w.error().message.find("refused"), std::string::npos) << w.error().message;
    EXPECT_FALSE(std::filesystem::exists(marker));
  }
  // The same through STACK_GLOBAL (protocol 4 form).
  PickleWriter t;
  t.str("w").str("os").str("system").raw("\x93").mark().str("true").tuple().reduce();
  auto w = load_bytes(zip_checkpoint({t.out, {}}));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("os.system"), std::string::npos) << w.error().message;
}

// Found by fuzzing: a pickle may build cycles (here a dict that contains itself). Loading must
// neither leak nor recurse without end.
TEST(TorchReader, ASelfContainingDictIsAnErrorNotAHang) {
  PickleWriter p;
  p.proto()
      .empty_dict()
      .raw(std::string("q\0", 2))
      .str("self")
      .raw(std::string("h\0", 2))
      .raw("s")
      .stop();
  auto w = load_bytes(make_zip({{"ckpt/data.pkl", p.out}}));
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("nesting too deep"), std::string::npos) << w.error().message;
}

TEST(TorchReader, ReadsEverySharedCheckpoint) {
  struct Expect {
    const char* file;
    const char* key;
    std::vector<int64_t> shape;
  };
  const Expect cases[] = {
      {"models/retinaface-mobilenet0.25.pth", "body.stage1.0.0.weight", {8, 3, 3, 3}},
      {"models/realesr-general-x4v3.pth", "body.0.weight", {64, 3, 3, 3}},
      {"models/test/gfpgan-clean-n0125.pth", "conv_body_first.weight", {4, 3, 1, 1}},
      // final_linear: 16 style rows of width 256 from the 4×4 encoder map of E[4] = 512·n/2 = 32.
      {"models/test/gfpgan-clean-n0125-s256.pth", "final_linear.weight", {256 * 16, 32 * 4 * 4}},
      {"models/test/rrdbnet-x4-f32-b2.pth", "conv_first.weight", {32, 3, 3, 3}},
      {"models/test/rrdbnet-x2-f32-b1.pth", "conv_first.weight", {32, 12, 3, 3}},
  };
  for (const Expect& e : cases) {
    SCOPED_TRACE(e.file);
    auto w = load_weights(require_test_data(e.file));
    ASSERT_TRUE(w.ok()) << w.error().message;
    const Weight* weight = w->find(e.key);
    ASSERT_NE(weight, nullptr) << "missing " << e.key;
    EXPECT_EQ(weight->shape, e.shape) << weight->shape_str();
    for (const auto& [name, t] : w->all()) {
      EXPECT_EQ(name.rfind("module.", 0), std::string::npos) << name;
      for (float v : t.values) ASSERT_TRUE(std::isfinite(v)) << name;
    }
  }
}

// Damaged files give errors, never crashes: every truncation length on a grid, and random
// byte flips (a flip inside tensor data may still load, with other values).
TEST(TorchReader, TruncatedAndBitFlippedFilesGiveErrorsNotCrashes) {
  for (const char* file :
       {"models/test/rrdbnet-x2-f32-b1.pth", "models/retinaface-mobilenet0.25.pth"}) {
    SCOPED_TRACE(file);
    const std::string bytes = read_file(require_test_data(file));
    ASSERT_FALSE(bytes.empty());
    for (size_t cut = 0; cut < bytes.size(); cut += bytes.size() / 97 + 1) {
      MemorySource src(reinterpret_cast<const uint8_t*>(bytes.data()), cut, "cut.pth");
      EXPECT_FALSE(read_torch_checkpoint(src).ok()) << "cut at " << cut;
    }
    std::mt19937 rng(7);
    for (int k = 0; k < 150; ++k) {
      std::string damaged = bytes;
      // Flip bytes in the structural first 64 KiB (pickle, headers) most of the time.
      const size_t span = k % 3 ? std::min<size_t>(damaged.size(), 65536) : damaged.size();
      for (int f = 0; f < 4; ++f) damaged[rng() % span] ^= char(1 + rng() % 255);
      MemorySource src(reinterpret_cast<const uint8_t*>(damaged.data()), damaged.size(), "x.pth");
      auto r = read_torch_checkpoint(src);  // either outcome; it must return
      if (!r.ok()) {
        EXPECT_FALSE(r.error().message.empty());
      }
    }
  }
}

TEST(TorchReader, NonCheckpointsAreNamedInTheError) {
  TempDir dir;
  write_file(dir.path() / "photo.pth", "\xff\xd8\xff\xe0 a JPEG, not a model");
  auto w = load_weights(dir.path() / "photo.pth");
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.error().message.find("photo.pth"), std::string::npos) << w.error().message;
  EXPECT_FALSE(load_weights(dir.path() / "missing.pth").ok());
}

}  // namespace fr::test
