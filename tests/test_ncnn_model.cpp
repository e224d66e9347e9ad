#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "models/ncnn_model.h"
#include "models/weight_store.h"
#include "tests/checkpoint_writer.h"
#include "tests/test_support.h"

namespace fr::test {

// The ncnn pair and the .pth of realesr-general-x4v3 hold the same weights: convolution i is
// body.{2i} (weight, bias), PReLU i is body.{2i+1}.
TEST(NcnnModel, RealesrGeneralMatchesThePthWeights) {
  auto ncnn = read_ncnn(require_test_data("models/realesr-general-x4v3.param"),
                        require_test_data("models/realesr-general-x4v3.bin"));
  ASSERT_TRUE(ncnn.ok()) << ncnn.error().message;
  auto pth = load_weights(require_test_data("models/realesr-general-x4v3.pth"));
  ASSERT_TRUE(pth.ok()) << pth.error().message;

  int convs = 0, prelus = 0;
  for (const NcnnLayer& layer : ncnn->layers) {
    if (layer.type == "Convolution") {
      const std::string key = "body." + std::to_string(2 * convs++);
      ASSERT_EQ(layer.blobs.size(), 2u) << layer.name;
      EXPECT_EQ(layer.blobs[0], pth->find(key + ".weight")->values) << key;
      EXPECT_EQ(layer.blobs[1], pth->find(key + ".bias")->values) << key;
    } else if (layer.type == "PReLU") {
      const std::string key = "body." + std::to_string(2 * prelus++ + 1);
      ASSERT_EQ(layer.blobs.size(), 1u);
      EXPECT_EQ(layer.blobs[0], pth->find(key + ".weight")->values) << key;
    }
  }
  EXPECT_EQ(convs, 34);
  EXPECT_EQ(prelus, 33);
  const NcnnLayer& interp = ncnn->layers[size_t(ncnn->layers.size() - 2)];
  EXPECT_EQ(interp.type, "Interp");
  EXPECT_EQ(interp.int_param(0, 0), 1);
  EXPECT_DOUBLE_EQ(interp.float_param(1, 0), 4.0);
}

TEST(NcnnModel, ErrorsNameTheProblem) {
  const std::string param = read_file(require_test_data("models/realesr-general-x4v3.param"));
  const std::string bin = read_file(require_test_data("models/realesr-general-x4v3.bin"));
  auto parse = [](const std::string& p, const std::string& b) {
    MemorySource src(reinterpret_cast<const uint8_t*>(b.data()), b.size(), "model.bin");
    return parse_ncnn(p, src, "model.param");
  };
  ASSERT_TRUE(parse(param, bin).ok());

  auto truncated = parse(param, bin.substr(0, bin.size() - 100));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.error().message.find("truncated"), std::string::npos)
      << truncated.error().message;

  auto extra = parse(param, bin + "xxxx");
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.error().message.find("left over"), std::string::npos) << extra.error().message;

  std::string lstm = param;
  lstm.replace(lstm.find("PReLU            PRelu_1"), 5, "LSTM ");
  auto unsupported = parse(lstm, bin);
  ASSERT_FALSE(unsupported.ok());
  EXPECT_NE(unsupported.error().message.find("'LSTM'"), std::string::npos)
      << unsupported.error().message;

  std::string quantized = bin;
  quantized[0] = 0x38, quantized[1] = 0x4B, quantized[2] = 0x0D, quantized[3] = 0x00;  // int8 tag
  auto q = parse(param, quantized);
  ASSERT_FALSE(q.ok());
  EXPECT_NE(q.error().message.find("quantized"), std::string::npos) << q.error().message;

  auto not_ncnn = parse("hello\n", bin);
  ASSERT_FALSE(not_ncnn.ok());
  EXPECT_NE(not_ncnn.error().message.find("7767517"), std::string::npos);
}

TEST(NcnnModel, ArraysAndFloatsInParameters) {
  const std::string param =
      "7767517\n2 2\nInput in 0 1 data 0=8 1=8 2=3\n"
      "Interp up 1 1 data out 0=2 -23303=2,1.5e+00,2.0\n";
  MemorySource empty(nullptr, 0, "m.bin");
  auto m = parse_ncnn(param, empty, "m.param");
  ASSERT_TRUE(m.ok()) << m.error().message;
  const NcnnParam& arr = m->layers[1].params.at(3);
  EXPECT_TRUE(arr.is_array);
  EXPECT_EQ(arr.values, (std::vector<double>{1.5, 2.0}));
  EXPECT_EQ(m->layers[0].int_param(2, 0), 3);
}

// Values beyond int's range (a float written where an int belongs, as a fuzzer found) saturate
// instead of overflowing the conversion.
TEST(NcnnModel, IntegerParametersSaturate) {
  const std::string param = "7767517\n1 1\nInput in 0 1 data 0=2.2e45 1=-3e12\n";
  MemorySource empty(nullptr, 0, "m.bin");
  auto m = parse_ncnn(param, empty, "m.param");
  ASSERT_TRUE(m.ok()) << m.error().message;
  EXPECT_EQ(m->layers[0].int_param(0, 0), std::numeric_limits<int>::max());
  EXPECT_EQ(m->layers[0].int_param(1, 0), std::numeric_limits<int>::min());
  EXPECT_EQ(saturated_int(std::nan("")), 0);
}

}  // namespace fr::test
