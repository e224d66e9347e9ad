// Aligning a detected face onto the FFHQ template and pasting a restored face back
// (../shared/spec/pipeline.md, steps 3 and 6). Pure host code on 8-bit BGR images.
#pragma once

#include <array>

#include <opencv2/core.hpp>

namespace fr {

// Five landmarks in image pixels (x, y): left eye, right eye, nose tip, left and right mouth
// corner, as seen in the image.
using FaceLandmarks = std::array<std::array<float, 2>, 5>;

// Side of the aligned face in pixels; the FFHQ template is given for this size.
constexpr int kAlignedFaceSize = 512;

// The 2×3 similarity (CV_64F) that maps the landmarks onto the FFHQ template, estimated with
// least-median robust fitting (OpenCV's estimateAffinePartial2D, LMEDS). Empty if the
// landmarks are degenerate (all on one point).
cv::Mat estimate_face_alignment(const FaceLandmarks& landmarks);

// The aligned 512×512 crop: bilinear warp with the constant border colour (135, 133, 132) BGR.
cv::Mat warp_aligned_face(const cv::Mat& bgr, const cv::Mat& alignment);

// Where a face crop goes in a background `upscale` times larger than the image the alignment
// was estimated on: the inverse of `alignment`, times `upscale`, plus 0.5·upscale on the
// translation when upscale > 1 (CV_64F, 2×3).
cv::Mat paste_transform(const cv::Mat& alignment, double upscale);

// The part of a canvas of `canvas_size` that paste_face reads and writes for a face of
// `face_size` placed by `transform`: the face's bounding box plus a margin wider than the
// mask's erosions and blur, clipped to the canvas. Empty if the face lies outside.
cv::Rect paste_region(const cv::Mat& transform, cv::Size face_size, double upscale,
                      cv::Size canvas_size);

// Blends `restored` (an aligned 512×512 8-bit BGR face) into `canvas` (CV_32FC3, the
// background in float) with the square soft mask of the spec: the warped face area eroded by
// ⌊2·upscale⌋, eroded again by 2e and Gaussian-blurred over 2e+1, e = ⌊√area⌋ // 20.
// canvas = mask·(M1·face) + (1 − mask)·canvas. Only paste_region is touched; outside it
// the mask is 0, so the result equals the whole-canvas computation of the spec.
void paste_face(cv::Mat& canvas, const cv::Mat& restored, const cv::Mat& transform, double upscale);

}  // namespace fr
