// Upscaler::measure_tile_memory of a real network (realesr-general-x4v3, SRVGGNetCompact
// ×4 with 64 channels) on the CPU and on the Vulkan device in both storage formats: the
// figures the automatic tile side is chosen from (app/restore/tiled_upscale.h).
#include <string>

#include <gtest/gtest.h>

#include "app/restore/pipeline_models.h"
#include "core/device.h"
#include "tests/test_support.h"

namespace fr::test {
namespace {

// The background network alone on `device`, measured.
TileMemory measured(const ResolvedDevice& device, bool fp16) {
  PipelineModelFiles files;
  files.background = require_test_data("models/realesr-general-x4v3.pth");
  PipelineLoadOptions options;
  options.device = device;
  options.backend.cpu_threads = 2;
  options.backend.vulkan_fp16_storage = fp16;
  auto models = load_pipeline_models(files, options);
  EXPECT_TRUE(models.ok()) << models.error().message;
  if (!models.ok()) return {};
  auto memory = models->background->measure_tile_memory();
  EXPECT_TRUE(memory.ok()) << memory.error().message;
  return memory.ok() ? *memory : TileMemory{};
}

// A 64-channel feature map per input pixel, in bytes of the storage format.
double feature_map(int element_bytes) {
  return 64.0 * element_bytes;
}

TEST(TileMemory, TheCpuCountsAtLeastAConvolutionsInputAndOutput) {
  const TileMemory m = measured(ResolvedDevice{}, false);
  EXPECT_GE(m.bytes_per_pixel, 2 * feature_map(4));
  EXPECT_LE(m.bytes_per_pixel, 16 * feature_map(4));
  EXPECT_GT(m.free_bytes, 0);         // the system's available memory
  EXPECT_EQ(m.max_tensor_bytes, -1);  // no limit of its own
  RecordProperty("bytes_per_pixel", std::to_string(m.bytes_per_pixel));
}

TEST(TileMemory, VulkanCountsItsLargestTensorAndHalvesWithFp16Storage) {
  DeviceChoice best_gpu;
  best_gpu.mode = DeviceChoice::Mode::vulkan;
  auto vulkan = resolve_device(best_gpu, list_devices());
  ASSERT_TRUE(vulkan.ok()) << vulkan.error().message
                           << " (scripts/setup installs Mesa's lavapipe, mesa-vulkan-drivers)";
  const TileMemory f32 = measured(*vulkan, false), f16 = measured(*vulkan, true);
  EXPECT_GE(f32.bytes_per_pixel, 2 * feature_map(4));
  EXPECT_LE(f32.bytes_per_pixel, 16 * feature_map(4));
  // The body's 64-channel maps are the largest tensors: the ×4 output has 3·16 values a pixel.
  EXPECT_EQ(f32.largest_tensor_per_pixel, feature_map(4));
  EXPECT_EQ(f16.largest_tensor_per_pixel, feature_map(2));
  EXPECT_NEAR(f16.bytes_per_pixel / f32.bytes_per_pixel, 0.5, 0.05);
  RecordProperty("fp32_bytes_per_pixel", std::to_string(f32.bytes_per_pixel));
  RecordProperty("fp16_bytes_per_pixel", std::to_string(f16.bytes_per_pixel));
  EXPECT_GT(f32.free_bytes, 0);
  EXPECT_GT(f32.max_tensor_bytes, 0);
}

}  // namespace
}  // namespace fr::test
