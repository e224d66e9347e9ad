#include "app/restore/parse_mask.h"

#include <opencv2/imgproc.hpp>

#include "core/error.h"

namespace fr {
namespace {

constexpr int kBlurSide = 101;     // pixels
constexpr double kBlurSigma = 11;  // pixels, both directions
constexpr int kZeroedBorder = 10;  // pixels along each edge

}  // namespace

const ParseClassSet& gfpgan_pasted_classes() {
  static const ParseClassSet pasted = [] {
    ParseClassSet s{};
    for (int c = 1; c <= 13; ++c) s[c] = true;
    s[15] = true;
    return s;
  }();
  return pasted;
}

cv::Mat parse_class_map(const HostTensor& logits) {
  const Shape& s = logits.shape;
  FR_CHECK(s.n == 1 && s.c >= 1 && s.c <= 255, "parse_class_map takes (1, classes, H, W)");
  cv::Mat classes(s.h, s.w, CV_8U);
  const size_t plane = size_t(s.h) * s.w;
  for (int y = 0; y < s.h; ++y) {
    auto* row = classes.ptr<uint8_t>(y);
    for (int x = 0; x < s.w; ++x) {
      const size_t at = size_t(y) * s.w + x;
      int best = 0;
      for (int c = 1; c < s.c; ++c)
        if (logits.data[c * plane + at] > logits.data[best * plane + at]) best = c;
      row[x] = uint8_t(best);
    }
  }
  return classes;
}

cv::Mat parse_paste_mask(const cv::Mat& classes, const ParseClassSet& pasted) {
  FR_CHECK(classes.type() == CV_8U, "parse_paste_mask takes a CV_8U class map");
  cv::Mat mask(classes.size(), CV_64F);
  for (int y = 0; y < classes.rows; ++y) {
    const auto* in = classes.ptr<uint8_t>(y);
    auto* out = mask.ptr<double>(y);
    for (int x = 0; x < classes.cols; ++x)
      out[x] = in[x] < kParseClasses && pasted[in[x]] ? 255.0 : 0.0;
  }
  for (int pass = 0; pass < 2; ++pass)
    cv::GaussianBlur(mask, mask, cv::Size(kBlurSide, kBlurSide), kBlurSigma, kBlurSigma,
                     cv::BORDER_REFLECT_101);
  const int b = std::min({kZeroedBorder, mask.rows, mask.cols});
  mask.rowRange(0, b).setTo(0.0);
  mask.rowRange(mask.rows - b, mask.rows).setTo(0.0);
  mask.colRange(0, b).setTo(0.0);
  mask.colRange(mask.cols - b, mask.cols).setTo(0.0);
  return mask / 255.0;
}

}  // namespace fr
