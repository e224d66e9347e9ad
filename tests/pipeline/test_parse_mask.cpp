// The parse-mask paste's mask against GFPGANer's (../shared/fixtures/parsenet-b16-d2: parse.npy,
// the class map facexlib's ParseNet gave for one face, and mask.npy, the mask GFPGANer made of
// it before resizing and warping). Issue 24: within 1e-3.
#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "app/restore/parse_mask.h"
#include "models/npy.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

HostTensor fixture(const char* name) {
  auto t = read_npy_tensor(require_test_data(std::string("fixtures/parsenet-b16-d2/") + name));
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? *t : HostTensor{};
}

TEST(ParseMask, TheMaskOfTheFixturesClassMapIsGfpgansMask) {
  const HostTensor parse = fixture("parse.npy");
  const HostTensor want = fixture("mask.npy");
  ASSERT_EQ(parse.data.size(), size_t(512) * 512);
  ASSERT_EQ(want.data.size(), size_t(512) * 512);
  cv::Mat classes(512, 512, CV_8U);
  for (int i = 0; i < 512 * 512; ++i) classes.data[i] = uint8_t(std::lround(parse.data[i]));
  const cv::Mat mask = parse_paste_mask(classes, gfpgan_pasted_classes());
  ASSERT_EQ(mask.type(), CV_64F);
  double worst = 0;
  for (int i = 0; i < 512 * 512; ++i)
    worst = std::max(worst, std::abs(mask.ptr<double>()[i] - double(want.data[i])));
  EXPECT_LE(worst, 1e-3);
  std::printf("[ parity   ] parse mask: max |diff| %.3g (tolerance 1e-3)\n", worst);
  // The edges are zero, the middle of a face is pasted whole.
  EXPECT_EQ(mask.at<double>(9, 256), 0.0);
  EXPECT_EQ(mask.at<double>(256, 502), 0.0);
}

TEST(ParseMask, TheClassIsTheFirstLargestLogit) {
  HostTensor logits(Shape{1, 3, 1, 4});
  const float values[3][4] = {{1, 5, 2, 0}, {3, 5, 2, -1}, {0, 1, 2, -2}};
  for (int c = 0; c < 3; ++c)
    for (int x = 0; x < 4; ++x) logits.at(0, c, 0, x) = values[c][x];
  const cv::Mat classes = parse_class_map(logits);
  ASSERT_EQ(classes.type(), CV_8U);
  EXPECT_EQ(classes.at<uint8_t>(0, 0), 1);
  EXPECT_EQ(classes.at<uint8_t>(0, 1), 0);  // a tie: the first
  EXPECT_EQ(classes.at<uint8_t>(0, 2), 0);  // a three-way tie
  EXPECT_EQ(classes.at<uint8_t>(0, 3), 0);
}

TEST(ParseMask, OnlyThePastedClassesArePasted) {
  // Hair around skin: the two blurs (σ 11 each, 15.6 together) leave the skin's middle, 80
  // pixels (5σ) from the hair, at 1 and a point 28 pixels off the skin's corner near 0.
  cv::Mat classes(240, 240, CV_8U, cv::Scalar(17));
  classes(cv::Rect(40, 40, 160, 160)).setTo(1);
  const cv::Mat mask = parse_paste_mask(classes, gfpgan_pasted_classes());
  EXPECT_NEAR(mask.at<double>(120, 120), 1.0, 1e-3);
  EXPECT_LT(mask.at<double>(12, 12), 0.01);
  ParseClassSet nothing{};
  EXPECT_EQ(cv::countNonZero(parse_paste_mask(classes, nothing)), 0);
}

}  // namespace
}  // namespace fr::test
