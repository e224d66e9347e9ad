// Helpers shared by the pipeline part tests (test_tiled_upscale, test_face_align,
// test_pipeline_process): random images, their comparison, a fake background upscaler with the
// pixel functions it applies, and the FFHQ template with the alignments built from it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "app/restore/face_align.h"
#include "app/restore/tiled_upscale.h"
#include "core/cpu/cpu_backend.h"
#include "models/upscaler.h"

namespace fr::test {

// The FFHQ template of the spec for a 512×512 face.
extern const FaceLandmarks kTemplate;

cv::Mat random_image(int rows, int cols, uint64_t seed);

// Max absolute difference; infinite if the sizes or types differ.
double max_diff(const cv::Mat& a, const cv::Mat& b);

// ---------------------------------------------------------------------------------------------
// Fake background models.

// A pure function of each pixel.
cv::Mat map_pixels(const cv::Mat& in);

// 3×3 box blur (radius 1) with replicated borders, integer mean rounded down.
cv::Mat box_blur(const cv::Mat& in);

// out(y, x) = in(y / s, x / s).
cv::Mat nearest_upscale(const cv::Mat& in, int s);

// The CPU backend a FakeUpscaler runs on, made before the Upscaler that refers to it.
struct FakeUpscalerBackend {
  CpuBackend cpu{CpuBackendOptions{1}};
};

// An Upscaler whose network is image code on the host: forward() takes the tile back to 8-bit
// BGR, runs upscale_mat on it and uploads the result, so that Upscaler::upscale gives
// upscale_mat's pixels exactly.
class FakeUpscaler : private FakeUpscalerBackend, public Upscaler {
 public:
  enum class Kind { per_pixel, box_blur };

  FakeUpscaler(Kind kind, int scale, int multiple = 1)
      : Upscaler(cpu), kind_(kind), scale_(scale), multiple_(multiple) {}

  int scale() const override { return scale_; }
  int input_multiple() const override { return multiple_; }
  std::string describe() const override { return "fake upscaler"; }
  Result<Tensor> forward(const Tensor& x) override;

  // Checks the tile (a test failure if it is not a multiple), then fails, breaks the
  // interface or maps the pixels as configured and upscales by nearest neighbour.
  virtual Result<cv::Mat> upscale_mat(const cv::Mat& bgr);
  // `memory`, counting the calls.
  Result<TileMemory> measure_tile_memory() override {
    ++memory_measurements;
    return memory;
  }

  std::vector<cv::Size> inputs;  // every call's input size
  TileMemory memory;             // what measure_tile_memory reports
  int memory_measurements = 0;
  std::string error;        // non-empty: every call fails with it
  bool wrong_size = false;  // true: returns a 1×1 image, breaking the interface

 private:
  Kind kind_;
  int scale_, multiple_;
};

// ---------------------------------------------------------------------------------------------
// Alignments.

// The template scaled by `scale`, rotated by `degrees` about the origin and moved by (dx, dy).
FaceLandmarks moved_template(double scale, double dx, double dy, double degrees = 0);

// A face whose 512² crop covers the image square of side `size` at (x, y) (no rotation).
cv::Mat square_alignment(double x, double y, double size);

}  // namespace fr::test
