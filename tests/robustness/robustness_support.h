// Helpers of the robustness tests: images in every form a photo folder holds, written the way
// cameras and other programs write them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace fr::test {

// A w×h BGR image with a different value in every pixel and channel (gradients), so that
// rotations, flips and channel swaps all show.
cv::Mat pattern_image(int w, int h);

// `jpeg` (a JPEG file's bytes) with an EXIF APP1 segment holding `orientation` inserted after
// its start-of-image marker.
std::vector<uint8_t> with_exif_orientation(const std::vector<uint8_t>& jpeg, int orientation);

// A CMYK JPEG (Adobe-style, as Photoshop writes for print) of `bgr`, through libjpeg.
std::vector<uint8_t> cmyk_jpeg(const cv::Mat& bgr);

// Encodes with OpenCV by extension (".png", ".jpg", …).
std::vector<uint8_t> encode(const cv::Mat& image, const std::string& ext);

void write_bytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);
std::vector<uint8_t> read_bytes(const std::filesystem::path& path);

// Every file under `dir` (recursively) whose name contains ".facerestore-" or ends in ".tmp":
// what an interrupted or failed write would leave behind.
std::vector<std::filesystem::path> leftover_temporaries(const std::filesystem::path& dir);

}  // namespace fr::test
