// safetensors reading and the unwrapping rules of the weight store.
#include <gtest/gtest.h>

#include "core/half.h"
#include "models/safetensors_reader.h"
#include "models/weight_store.h"
#include "tests/checkpoint_writer.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

std::string safetensors(const std::string& header, const std::string& data) {
  std::string out;
  for (int i = 0; i < 8; ++i) out += char((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

std::string bf16_bytes(const std::vector<float>& v) {
  std::string s;
  for (float f : v) {
    uint32_t bits;
    std::memcpy(&bits, &f, 4);
    s += char((bits >> 16) & 0xff), s += char(bits >> 24);
  }
  return s;
}

Result<std::map<std::string, Weight>> parse(const std::string& bytes) {
  MemorySource src(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "m.safetensors");
  return read_safetensors(src);
}

}  // namespace

TEST(Safetensors, ReadsF32F16AndBf16) {
  const std::string header = R"({"__metadata__":{"format":"pt"},)"
                             R"("a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
                             R"("b":{"dtype":"F16","shape":[3],"data_offsets":[16,22]},)"
                             R"("c":{"dtype":"BF16","shape":[2],"data_offsets":[22,26]}})";
  auto w = parse(safetensors(header, f32_bytes({1, 2, 3, 4}) + f16_bytes({0.5f, -1.5f, 8.0f}) +
                                         bf16_bytes({2.0f, -0.25f})));
  ASSERT_TRUE(w.ok()) << w.error().message;
  EXPECT_EQ(w->at("a").shape, (std::vector<int64_t>{2, 2}));
  EXPECT_EQ(w->at("a").values, (std::vector<float>{1, 2, 3, 4}));
  EXPECT_EQ(w->at("b").values, (std::vector<float>{0.5f, -1.5f, 8.0f}));
  EXPECT_EQ(w->at("c").values, (std::vector<float>{2.0f, -0.25f}));
}

TEST(Safetensors, BadFilesAreErrors) {
  const std::string data = f32_bytes({1, 2});
  for (const std::string& header :
       {std::string(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,12]}})"),  // past the end
        std::string(R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}})"),   // size mismatch
        std::string(R"({"a":{"dtype":"I8","shape":[8],"data_offsets":[0,8]}})"),    // type
        std::string(R"({"a":{"dtype":"F32","shape":[2]}})"),                        // offsets
        std::string(R"({"a": [1, 2)")}) {                                           // not JSON
    auto w = parse(safetensors(header, data));
    EXPECT_FALSE(w.ok()) << header;
  }
  EXPECT_FALSE(parse("\xff\xff\xff\xff\xff\xff\xff\xff{}").ok());  // header length beyond the file
}

TEST(Safetensors, LoadWeightsRecognisesTheFormatByContent) {
  TempDir dir;
  write_file(dir.path() / "model.bin",
             safetensors(R"({"module.x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
                         f32_bytes({7})));
  auto w = load_weights(dir.path() / "model.bin");
  ASSERT_TRUE(w.ok()) << w.error().message;
  ASSERT_NE(w->find("x"), nullptr);  // module. stripped
  EXPECT_EQ(w->find("x")->values[0], 7.0f);
}

TEST(WeightStore, UnwrapsTheModelsOwnWeights) {
  auto named = [](std::initializer_list<const char*> names) {
    std::map<std::string, Weight> m;
    for (const char* n : names) m[n].shape = {1};
    return m;
  };
  auto keys = [](const WeightStore& w) {
    std::vector<std::string> k;
    for (const auto& [name, weight] : w.all()) k.push_back(name);
    return k;
  };
  // params_ema wins over params; other top-level entries go.
  EXPECT_EQ(keys(WeightStore::unwrap("f", named({"params_ema.a", "params.a", "params.b", "iter"}))),
            (std::vector<std::string>{"a"}));
  EXPECT_EQ(keys(WeightStore::unwrap("f", named({"params.b", "optimizer.x"}))),
            (std::vector<std::string>{"b"}));
  EXPECT_EQ(keys(WeightStore::unwrap("f", named({"state_dict.module.c", "state_dict.module.d"}))),
            (std::vector<std::string>{"c", "d"}));
  // A "module." prefix is dropped only when every key has it.
  EXPECT_EQ(keys(WeightStore::unwrap("f", named({"module.e", "f"}))),
            (std::vector<std::string>{"f", "module.e"}));
}

}  // namespace fr::test
