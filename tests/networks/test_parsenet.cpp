// ParseNet against facexlib's output (../shared/fixtures/parsenet-b16-d2): the logits and the
// image output at every 7th row and column, and the class map (the argmax over the logits) at
// every pixel. Issue 24: logits within 1e-3 on the CPU; the class map equal on at least 99.9 %
// of the pixels on the CPU and 99.5 % on Vulkan (near-equal logits may swap with fp16).
#include <cmath>

#include "models/parsenet.h"
#include "tests/networks/network_test_support.h"

namespace fr::test {
namespace {

class ParsenetTest : public NetworkTest {
 protected:
  // Rows and columns 0, 7, 14, … of a (1,C,H,W) map, as the fixture stores them.
  static HostTensor every_seventh(const HostTensor& t) {
    const Shape& s = t.shape;
    const int h = (s.h + 6) / 7, w = (s.w + 6) / 7;
    HostTensor out;
    out.shape = Shape{1, s.c, h, w};
    out.data.resize(size_t(s.c) * h * w);
    for (int c = 0; c < s.c; ++c)
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
          out.data[(size_t(c) * h + y) * w + x] = t.data[(size_t(c) * s.h + 7 * y) * s.w + 7 * x];
    return out;
  }
};

TEST_P(ParsenetTest, MatchesTheFacexlibOutput) {
  const WeightStore weights = read_test_weights("models/test/parsenet-b16-d2.pth");
  const HostTensor input = read_fixture("fixtures/parsenet-b16-d2/input.npy");
  const HostTensor parse = read_fixture("fixtures/parsenet-b16-d2/parse.npy");
  ASSERT_FALSE(weights.empty() || input.data.empty() || parse.data.empty());
  auto net = Parsenet::load(weights, be());
  ASSERT_TRUE(net.ok()) << net.error().message;
  EXPECT_EQ((*net)->config().encoder, (std::vector<int>{16, 32, 64, 64, 64}));
  EXPECT_EQ((*net)->config().body, 2);
  EXPECT_EQ((*net)->config().decoder, (std::vector<int>{64, 64, 32, 16}));
  EXPECT_EQ((*net)->config().classes, 19);
  auto out = (*net)->forward(be().upload(input));
  ASSERT_TRUE(out.ok()) << out.error().message;
  const HostTensor logits = down(out->logits);
  const HostTensor image = down(out->image);
  ASSERT_EQ(logits.shape, (Shape{1, 19, 512, 512}));
  ASSERT_EQ(image.shape, (Shape{1, 3, 512, 512}));
  // Issue 24 states the CPU's bound; on Vulkan the class map is what the paste uses.
  if (backend_name() == "cpu") {
    expect_matches_fixture(every_seventh(logits), "fixtures/parsenet-b16-d2/out_mask.npy", 1e-3);
    expect_matches_fixture(every_seventh(image), "fixtures/parsenet-b16-d2/out_img.npy", 1e-3);
  }

  const int pixels = 512 * 512;
  int equal = 0;
  for (int i = 0; i < pixels; ++i) {
    int best = 0;
    for (int c = 1; c < 19; ++c)
      if (logits.data[size_t(c) * pixels + i] > logits.data[size_t(best) * pixels + i]) best = c;
    equal += best == int(std::lround(parse.data[i]));
  }
  const double share = double(equal) / pixels;
  EXPECT_GE(share, backend_name() == "cpu" ? 0.999 : 0.995)
      << backend_name() << ": the class map equals facexlib's on " << share * 100 << " % of pixels";
}

}  // namespace

FR_INSTANTIATE_NETWORK_TEST(ParsenetTest);

}  // namespace fr::test
