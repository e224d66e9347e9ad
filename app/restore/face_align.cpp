#include "app/restore/face_align.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

namespace fr {
namespace {

// The FFHQ landmark template for a 512×512 face, in the order of FaceLandmarks.
const std::array<cv::Point2f, 5> kFfhqTemplate = {{{192.98138f, 239.94708f},
                                                   {318.90277f, 240.1936f},
                                                   {256.63416f, 314.01935f},
                                                   {201.26117f, 371.41043f},
                                                   {313.08905f, 371.15118f}}};

const cv::Scalar kAlignBorderBgr(135, 133, 132);

// A square structuring element of `side` pixels. OpenCV (and so the reference) treats an empty
// kernel as 3×3, which happens when the soft edge e is 0 (faces under about 40 px).
cv::Mat square_kernel(int side) {
  return side > 0 ? cv::Mat::ones(side, side, CV_8U) : cv::Mat::ones(3, 3, CV_8U);
}

}  // namespace

cv::Mat estimate_face_alignment(const FaceLandmarks& landmarks) {
  std::vector<cv::Point2f> from, to(kFfhqTemplate.begin(), kFfhqTemplate.end());
  for (const auto& p : landmarks) from.emplace_back(p[0], p[1]);
  cv::Mat m = cv::estimateAffinePartial2D(from, to, cv::noArray(), cv::LMEDS);
  if (m.empty() || !cv::checkRange(m)) return {};
  return m;
}

cv::Mat warp_aligned_face(const cv::Mat& bgr, const cv::Mat& alignment) {
  cv::Mat face;
  cv::warpAffine(bgr, face, alignment, cv::Size(kAlignedFaceSize, kAlignedFaceSize),
                 cv::INTER_LINEAR, cv::BORDER_CONSTANT, kAlignBorderBgr);
  return face;
}

cv::Mat paste_transform(const cv::Mat& alignment, double upscale) {
  cv::Mat inverse;
  cv::invertAffineTransform(alignment, inverse);
  inverse *= upscale;
  if (upscale > 1) inverse.col(2) += 0.5 * upscale;
  return inverse;
}

cv::Rect paste_region(const cv::Mat& transform, cv::Size face_size, double upscale,
                      cv::Size canvas_size) {
  const double w = face_size.width, h = face_size.height;
  std::vector<cv::Point2d> corners = {{0, 0}, {w, 0}, {0, h}, {w, h}}, mapped;
  cv::transform(corners, mapped, transform);
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const auto& p : mapped) {
    x0 = std::min(x0, p.x), y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
  }
  // e (below) is at most this, as the eroded face area is at most the bounding box's.
  const int edge_bound = int(std::sqrt(std::max(0.0, (x1 - x0) * (y1 - y0)))) / 20;
  const int margin = 2 * edge_bound + int(2 * upscale) + 4;
  const cv::Point from(int(std::floor(std::max(x0, -1e6))) - margin,
                       int(std::floor(std::max(y0, -1e6))) - margin);
  const cv::Point to(int(std::ceil(std::min(x1, 1e6))) + margin,
                     int(std::ceil(std::min(y1, 1e6))) + margin);
  return cv::Rect(from, to) & cv::Rect(cv::Point(0, 0), canvas_size);
}

PasteLayer paste_layer(const cv::Mat& restored, const cv::Mat& transform, double upscale,
                       cv::Size canvas_size) {
  CV_Assert(restored.type() == CV_8UC3);
  PasteLayer layer;
  layer.box = paste_region(transform, restored.size(), upscale, canvas_size);
  if (layer.box.empty()) return layer;

  cv::Mat local = transform.clone();
  local.at<double>(0, 2) -= layer.box.x;
  local.at<double>(1, 2) -= layer.box.y;
  cv::Mat area;
  cv::warpAffine(restored, layer.face, local, layer.box.size());
  cv::warpAffine(cv::Mat::ones(restored.size(), CV_32F), area, local, layer.box.size());

  cv::erode(area, layer.area, square_kernel(int(2 * upscale)));
  const int e = int(std::sqrt(cv::sum(layer.area)[0])) / 20;
  cv::Mat eroded;
  cv::erode(layer.area, eroded, square_kernel(2 * e));
  cv::GaussianBlur(eroded, layer.mask, cv::Size(2 * e + 1, 2 * e + 1), 0);
  return layer;
}

void blend_layer(cv::Mat& canvas, cv::Point origin, const PasteLayer& layer) {
  CV_Assert(canvas.type() == CV_32FC3);
  const cv::Rect part = layer.box & cv::Rect(origin, canvas.size());
  for (int y = part.y; y < part.br().y; ++y) {
    const int ly = y - layer.box.y, lx = part.x - layer.box.x;
    const float* mk = layer.mask.ptr<float>(ly) + lx;
    const float* e1 = layer.area.ptr<float>(ly) + lx;
    const uint8_t* f = layer.face.ptr<uint8_t>(ly) + 3 * lx;
    float* b = canvas.ptr<float>(y - origin.y) + 3 * (part.x - origin.x);
    for (int x = 0; x < part.width; ++x) {
      const float a = mk[x];
      for (int c = 0; c < 3; ++c)
        b[3 * x + c] = a * (e1[x] * float(f[3 * x + c])) + (1 - a) * b[3 * x + c];
    }
  }
}

}  // namespace fr
