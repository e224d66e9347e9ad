// Aligning a detected face onto the FFHQ template (a similarity transform from its five
// landmarks, warped to 512×512) and pasting a restored face back through the inverse warp and
// a soft mask. Pure host code on 8-bit BGR images.
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

// The part of a canvas of `canvas_size` that a face's PasteLayer covers, for a face of
// `face_size` placed by `transform`: the face's bounding box plus a margin wider than the
// mask's erosions and blur, clipped to the canvas. Empty if the face lies outside.
cv::Rect paste_region(const cv::Mat& transform, cv::Size face_size, double upscale,
                      cv::Size canvas_size);

// A restored face ready to be blended into the background, over `box` (paste_region, in the
// whole canvas's pixels): the warped face (CV_8UC3), the warped face area eroded by
// ⌊2·upscale⌋ (M1) and the spec's square soft mask: M1 eroded again by 2e and
// Gaussian-blurred over 2e+1, e = ⌊√area⌋ // 20 (both CV_32F). Outside the box the mask is 0,
// so blending the box only equals the spec's whole-canvas computation.
struct PasteLayer {
  cv::Rect box;  // empty: the face lies outside the canvas
  cv::Mat face, area, mask;
};

// The layer of `restored` (an aligned 512×512 8-bit BGR face) placed by `transform` in a
// canvas of `canvas_size`.
PasteLayer paste_layer(const cv::Mat& restored, const cv::Mat& transform, double upscale,
                       cv::Size canvas_size);

// Blends the part of `layer` that falls inside `canvas` (CV_32FC3, the background in float),
// whose top-left pixel is the whole canvas's `origin`: canvas = mask·(M1·face) +
// (1 − mask)·canvas.
void blend_layer(cv::Mat& canvas, cv::Point origin, const PasteLayer& layer);

}  // namespace fr
