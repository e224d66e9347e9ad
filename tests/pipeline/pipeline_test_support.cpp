#include "tests/pipeline/pipeline_test_support.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

namespace fr::test {
namespace {

// A pure function of one pixel.
cv::Vec3b pixel_function(const cv::Vec3b& p) {
  return {uint8_t(255 - p[0]), uint8_t(p[1] * 7 + 13), uint8_t(p[2] ^ 0x5a)};
}

}  // namespace

const FaceLandmarks kTemplate = {{{192.98138f, 239.94708f},
                                  {318.90277f, 240.1936f},
                                  {256.63416f, 314.01935f},
                                  {201.26117f, 371.41043f},
                                  {313.08905f, 371.15118f}}};

cv::Mat random_image(int rows, int cols, uint64_t seed) {
  cv::Mat m(rows, cols, CV_8UC3);
  cv::RNG rng(seed);
  rng.fill(m, cv::RNG::UNIFORM, 0, 256);
  return m;
}

double max_diff(const cv::Mat& a, const cv::Mat& b) {
  if (a.size() != b.size() || a.type() != b.type()) return INFINITY;
  return cv::norm(a, b, cv::NORM_INF);
}

cv::Mat map_pixels(const cv::Mat& in) {
  cv::Mat out(in.size(), CV_8UC3);
  for (int y = 0; y < in.rows; ++y)
    for (int x = 0; x < in.cols; ++x)
      out.at<cv::Vec3b>(y, x) = pixel_function(in.at<cv::Vec3b>(y, x));
  return out;
}

// 3×3 box blur (radius 1) with replicated borders, integer mean rounded down.
cv::Mat box_blur(const cv::Mat& in) {
  cv::Mat out(in.size(), CV_8UC3);
  for (int y = 0; y < in.rows; ++y)
    for (int x = 0; x < in.cols; ++x)
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (int dy = -1; dy <= 1; ++dy)
          for (int dx = -1; dx <= 1; ++dx) {
            const int yy = std::clamp(y + dy, 0, in.rows - 1);
            const int xx = std::clamp(x + dx, 0, in.cols - 1);
            sum += in.at<cv::Vec3b>(yy, xx)[c];
          }
        out.at<cv::Vec3b>(y, x)[c] = uint8_t(sum / 9);
      }
  return out;
}

// out(y, x) = in(y / s, x / s).
cv::Mat nearest_upscale(const cv::Mat& in, int s) {
  cv::Mat out(in.rows * s, in.cols * s, CV_8UC3);
  for (int y = 0; y < out.rows; ++y)
    for (int x = 0; x < out.cols; ++x) out.at<cv::Vec3b>(y, x) = in.at<cv::Vec3b>(y / s, x / s);
  return out;
}

Result<Tensor> FakeUpscaler::forward(const Tensor& x) {
  auto host = cpu.download(x);
  if (!host) return host.error();
  const Shape& s = host->shape;
  // RGB in [0,1] back to the 8-bit BGR tile it came from.
  cv::Mat bgr(s.h, s.w, CV_8UC3);
  for (int c = 0; c < 3; ++c)
    for (int y = 0; y < s.h; ++y)
      for (int i = 0; i < s.w; ++i)
        bgr.at<cv::Vec3b>(y, i)[2 - c] =
            uint8_t(std::lround(host->data[(size_t(c) * s.h + y) * s.w + i] * 255.0f));
  auto out = upscale_mat(bgr);
  if (!out) return out.error();
  HostTensor y(Shape{1, 3, out->rows, out->cols});
  for (int c = 0; c < 3; ++c)
    for (int r = 0; r < out->rows; ++r)
      for (int i = 0; i < out->cols; ++i)
        y.data[(size_t(c) * out->rows + r) * out->cols + i] =
            float(out->at<cv::Vec3b>(r, i)[2 - c]) / 255.0f;
  return cpu.upload(y);
}

Result<cv::Mat> FakeUpscaler::upscale_mat(const cv::Mat& bgr) {
  inputs.push_back(bgr.size());
  EXPECT_EQ(bgr.type(), CV_8UC3);
  EXPECT_EQ(bgr.rows % multiple_, 0) << "tile of " << bgr.size() << ", multiple " << multiple_;
  EXPECT_EQ(bgr.cols % multiple_, 0) << "tile of " << bgr.size() << ", multiple " << multiple_;
  if (!error.empty()) return Error{error};
  if (wrong_size) return cv::Mat(1, 1, CV_8UC3, cv::Scalar::all(0));
  return nearest_upscale(kind_ == Kind::per_pixel ? map_pixels(bgr) : box_blur(bgr), scale_);
}

// The template scaled by `scale`, rotated by `degrees` about the origin and moved by (dx, dy).
FaceLandmarks moved_template(double scale, double dx, double dy, double degrees) {
  const double c = std::cos(degrees * CV_PI / 180), s = std::sin(degrees * CV_PI / 180);
  FaceLandmarks out{};
  for (int i = 0; i < 5; ++i) {
    const double x = kTemplate[i][0], y = kTemplate[i][1];
    out[i] = {float(scale * (c * x - s * y) + dx), float(scale * (s * x + c * y) + dy)};
  }
  return out;
}

// A face whose 512² crop covers the image square of side `size` at (x, y) (no rotation).
cv::Mat square_alignment(double x, double y, double size) {
  const double k = kAlignedFaceSize / size;
  return (cv::Mat_<double>(2, 3) << k, 0, -k * x, 0, k, -k * y);
}

}  // namespace fr::test
