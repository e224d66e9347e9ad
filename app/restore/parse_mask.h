// The mask of the parse-mask paste (GFPGANer's use_parse): which pixels of a restored face are
// pasted back, made from ParseNet's classes of that face. Steps 2 to 5 of "Parse-mask paste"
// in the pipeline's specification; the pipeline resizes and warps the mask as it warps the
// face. Any thread.
#pragma once

#include <array>

#include <opencv2/core.hpp>

#include "core/tensor.h"

namespace fr {

// ParseNet's classes: 0 background, 1 skin, 2 left brow, 3 right brow, 4 left eye, 5 right eye,
// 6 glasses, 7 left ear, 8 right ear, 9 earring, 10 nose, 11 mouth, 12 upper lip, 13 lower lip,
// 14 neck, 15 necklace, 16 cloth, 17 hair, 18 hat.
constexpr int kParseClasses = 19;
using ParseClassSet = std::array<bool, kParseClasses>;

// The classes GFPGAN pastes: 1 to 13 and 15 (all but background, neck, cloth, hair and hat).
const ParseClassSet& gfpgan_pasted_classes();

// The class of each pixel: the index of the largest of the logits (1, classes, H, W), the first
// on ties. CV_8U, H × W.
cv::Mat parse_class_map(const HostTensor& logits);

// 255 where the class is in `pasted`, else 0; blurred twice with a 101 × 101 Gaussian (σ 11,
// borders mirrored without repeating the edge pixel); the 10 pixels along each edge set to 0;
// divided by 255. Float64 throughout: CV_64F, H × W, values in [0, 1].
cv::Mat parse_paste_mask(const cv::Mat& classes, const ParseClassSet& pasted);

}  // namespace fr
