// upscale_tiled and tile_count (app/restore/tiled_upscale) with fake upscalers: tiles, pads,
// input multiples, progress, cancelling and errors.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>

#include "app/restore/tiled_upscale.h"
#include "tests/pipeline/pipeline_test_support.h"

namespace fr::test {
namespace {

TEST(TiledUpscale, PerPixelModelGivesTheSameResultTiledOnOddSizes) {
  for (const int s : {2, 4}) {
    for (const cv::Size size : {cv::Size(67, 45), cv::Size(45, 67)}) {
      SCOPED_TRACE("scale " + std::to_string(s) + ", " + std::to_string(size.width) + "×" +
                   std::to_string(size.height));
      const cv::Mat img = random_image(size.height, size.width, 1 + s);
      const cv::Mat expected = nearest_upscale(map_pixels(img), s);
      FakeUpscaler tiled(FakeUpscaler::Kind::per_pixel, s);
      auto out = upscale_tiled(tiled, img, {16, 3});
      ASSERT_TRUE(out.ok()) << out.error().message;
      EXPECT_EQ(out->size(), cv::Size(size.width * s, size.height * s));
      EXPECT_EQ(max_diff(*out, expected), 0);
      // ⌈67/16⌉ · ⌈45/16⌉ = 5 · 3 tiles.
      EXPECT_EQ(tiled.inputs.size(), 15u);
      for (const cv::Size& in : tiled.inputs) {
        EXPECT_LE(in.width, 16 + 2 * 3);
        EXPECT_LE(in.height, 16 + 2 * 3);
      }
      FakeUpscaler whole(FakeUpscaler::Kind::per_pixel, s);
      auto one = upscale_tiled(whole, img, {0, 3});
      ASSERT_TRUE(one.ok()) << one.error().message;
      EXPECT_EQ(max_diff(*one, expected), 0);
    }
  }
}

TEST(TiledUpscale, TileZeroIsOneCallWithTheWholeImage) {
  const cv::Mat img = random_image(37, 53, 7);
  FakeUpscaler model(FakeUpscaler::Kind::box_blur, 2);
  std::vector<std::pair<int, int>> calls;
  auto out = upscale_tiled(model, img, {0, 10}, [&](int i, int n) {
    calls.emplace_back(i, n);
    return true;
  });
  ASSERT_TRUE(out.ok()) << out.error().message;
  ASSERT_EQ(model.inputs.size(), 1u);
  EXPECT_EQ(model.inputs[0], img.size());
  EXPECT_EQ(calls, (std::vector<std::pair<int, int>>{{1, 1}}));
  EXPECT_EQ(tile_count(37, 53, 1, {0, 10}), 1);
  EXPECT_EQ(max_diff(*out, nearest_upscale(box_blur(img), 2)), 0);
}

TEST(TiledUpscale, TileCountMatchesTheModelCalls) {
  struct Case {
    int height, width, multiple, tile, pad;
  };
  const Case cases[] = {{45, 67, 1, 16, 3},  {45, 67, 4, 16, 3},  {45, 67, 2, 7, 0},
                        {64, 64, 1, 64, 10}, {65, 64, 1, 64, 10}, {10, 9, 1, 400, 10},
                        {5, 3, 4, 3, 1},     {1, 1, 4, 2, 0},     {100, 30, 2, 0, 5}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.height) + "×" + std::to_string(c.width) + " multiple " +
                 std::to_string(c.multiple) + " tile " + std::to_string(c.tile));
    const int ph = (c.height + c.multiple - 1) / c.multiple * c.multiple;
    const int pw = (c.width + c.multiple - 1) / c.multiple * c.multiple;
    const int expected =
        c.tile == 0 ? 1 : ((ph + c.tile - 1) / c.tile) * ((pw + c.tile - 1) / c.tile);
    EXPECT_EQ(tile_count(c.height, c.width, c.multiple, {c.tile, c.pad}), expected);
    FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 1, c.multiple);
    auto out = upscale_tiled(model, random_image(c.height, c.width, 3), {c.tile, c.pad});
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(int(model.inputs.size()), expected);
  }
}

TEST(TiledUpscale, CallbackSeesEveryTileInOrderBeforeItRuns) {
  const cv::Mat img = random_image(45, 67, 11);
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  const TileOptions options{16, 3};
  const int n = tile_count(45, 67, 1, options);
  ASSERT_EQ(n, 15);
  std::vector<int> indices;
  auto out = upscale_tiled(model, img, options, [&](int i, int count) {
    EXPECT_EQ(count, n);
    EXPECT_EQ(int(model.inputs.size()), i - 1) << "the callback runs before tile " << i;
    indices.push_back(i);
    return true;
  });
  ASSERT_TRUE(out.ok()) << out.error().message;
  std::vector<int> expected(n);
  for (int i = 0; i < n; ++i) expected[i] = i + 1;
  EXPECT_EQ(indices, expected);
}

TEST(TiledUpscale, ReturningFalseCancelsAndStopsCallingTheModel) {
  const cv::Mat img = random_image(45, 67, 12);
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  int callbacks = 0;
  auto out = upscale_tiled(model, img, {16, 3}, [&](int i, int) {
    ++callbacks;
    return i < 3;
  });
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.error().message.find("cancelled"), std::string::npos) << out.error().message;
  EXPECT_EQ(model.inputs.size(), 2u);
  EXPECT_EQ(callbacks, 3);
}

TEST(TiledUpscale, ModelErrorComesOut) {
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  model.error = "device lost";
  auto out = upscale_tiled(model, random_image(20, 20, 1), {8, 2});
  ASSERT_FALSE(out.ok());
  // Upscaler::upscale names the stage and the device.
  EXPECT_EQ(out.error().message, "background upscaling failed on cpu: device lost");
  EXPECT_EQ(model.inputs.size(), 1u);
}

TEST(TiledUpscale, ModelOutputOfTheWrongSizeIsAProgrammerError) {
  FakeUpscaler model(FakeUpscaler::Kind::per_pixel, 2);
  model.wrong_size = true;
  EXPECT_THROW((void)upscale_tiled(model, random_image(20, 20, 1), {8, 2}), std::logic_error);
}

// Output pixel (y, x) comes from input pixel (y/s, x/s); is that input pixel within one pixel
// (the blur's radius) of a seam between two tiles?
bool next_to_seam(int iy, int ix, int rows, int cols, int tile) {
  const auto near = [tile](int v, int size) {
    return (v % tile == 0 && v > 0) || (v % tile == tile - 1 && v < size - 1);
  };
  return near(iy, rows) || near(ix, cols);
}

TEST(TiledUpscale, NeighbourhoodModelShowsSeamsWithoutPadAndNoneWithEnoughPad) {
  const int s = 2, tile = 16, rows = 45, cols = 67;
  const cv::Mat img = random_image(rows, cols, 21);
  const cv::Mat expected = nearest_upscale(box_blur(img), s);
  {
    FakeUpscaler model(FakeUpscaler::Kind::box_blur, s);
    auto out = upscale_tiled(model, img, {tile, 0});
    ASSERT_TRUE(out.ok()) << out.error().message;
    ASSERT_EQ(out->size(), expected.size());
    int differing = 0, misplaced = 0;
    for (int y = 0; y < out->rows; ++y)
      for (int x = 0; x < out->cols; ++x)
        if (out->at<cv::Vec3b>(y, x) != expected.at<cv::Vec3b>(y, x)) {
          ++differing;
          if (!next_to_seam(y / s, x / s, rows, cols, tile)) ++misplaced;
        }
    EXPECT_GT(differing, 100) << "pad 0 must show the tile seams of a neighbourhood model";
    EXPECT_EQ(misplaced, 0) << "differences away from the seams";
  }
  for (const int pad : {1, 3, 10}) {
    SCOPED_TRACE("pad " + std::to_string(pad));
    FakeUpscaler model(FakeUpscaler::Kind::box_blur, s);
    auto out = upscale_tiled(model, img, {tile, pad});
    ASSERT_TRUE(out.ok()) << out.error().message;
    // Tiles are clipped to the image, so at the image's border the model sees the same border
    // as on the whole image: equal everywhere.
    EXPECT_EQ(max_diff(*out, expected), 0);
  }
}

TEST(TiledUpscale, InputMultipleGetsOnlyMultiplesAndIsCroppedBack) {
  struct Model {
    int scale, multiple;
  };
  for (const Model m : {Model{2, 2}, Model{1, 4}, Model{4, 4}}) {
    for (const cv::Size size :
         {cv::Size(67, 45), cv::Size(45, 67), cv::Size(13, 9), cv::Size(3, 2), cv::Size(1, 1)}) {
      for (const int tile : {0, 7, 13, 16}) {
        for (const int pad : {0, 3, 5}) {
          SCOPED_TRACE("scale " + std::to_string(m.scale) + " multiple " +
                       std::to_string(m.multiple) + ", " + std::to_string(size.width) + "×" +
                       std::to_string(size.height) + ", tile " + std::to_string(tile) + " pad " +
                       std::to_string(pad));
          const cv::Mat img = random_image(size.height, size.width, tile * 31 + pad);
          FakeUpscaler model(FakeUpscaler::Kind::per_pixel, m.scale, m.multiple);
          auto out = upscale_tiled(model, img, {tile, pad});
          ASSERT_TRUE(out.ok()) << out.error().message;
          EXPECT_EQ(out->size(), cv::Size(size.width * m.scale, size.height * m.scale));
          EXPECT_EQ(max_diff(*out, nearest_upscale(map_pixels(img), m.scale)), 0);
          EXPECT_EQ(int(model.inputs.size()),
                    tile_count(size.height, size.width, m.multiple, {tile, pad}));
        }
      }
    }
  }
}

// With an input multiple the whole image is reflect-padded (mirrored without repeating the
// edge) at the bottom and right before tiling; a neighbourhood model sees that padding.
TEST(TiledUpscale, InputMultiplePadsByReflectionAndTilesMatchTheWholeImage) {
  const int s = 2, multiple = 4, rows = 45, cols = 67;  // padded to 48 × 68
  const cv::Mat img = random_image(rows, cols, 5);
  cv::Mat padded;
  cv::copyMakeBorder(img, padded, 0, 3, 0, 1, cv::BORDER_REFLECT_101);
  const cv::Mat expected =
      nearest_upscale(box_blur(padded), s)(cv::Rect(0, 0, cols * s, rows * s)).clone();
  for (const int tile : {0, 7, 16}) {
    SCOPED_TRACE("tile " + std::to_string(tile));
    FakeUpscaler model(FakeUpscaler::Kind::box_blur, s, multiple);
    auto out = upscale_tiled(model, img, {tile, 1});
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(max_diff(*out, expected), 0);
  }
}

TEST(AutoTileSide, TheLargestMultipleOf16WhoseTileFitsHalfTheFreeMemory) {
  TileMemory m;
  m.bytes_per_pixel = 1000;
  // A 208-pixel tile with 10 pixels of pad on each side is 228² pixels.
  m.free_bytes = 2 * 228 * 228 * 1000;
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 400), 208);
  m.free_bytes -= 1;  // one byte short: the next multiple of 16 down
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 400), 192);
  // An input multiple of 4 may grow each side of the padded tile by 3 pixels.
  m.free_bytes = 2 * 234 * 234 * 1000;
  EXPECT_EQ(auto_tile_side(m, 10, 4, 32, 400), 208);
  EXPECT_EQ(auto_tile_side(m, 10, 5, 32, 400), 192);
  // Plenty of memory: the largest; almost none: the smallest.
  m.free_bytes = int64_t(1) << 40;
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 400), 400);
  m.free_bytes = 0;
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 400), 32);
}

TEST(AutoTileSide, TheLargestTensorMustFitTheDevicesLimit) {
  TileMemory m;
  m.bytes_per_pixel = 1000;
  m.free_bytes = int64_t(1) << 40;
  m.largest_tensor_per_pixel = 300;
  m.max_tensor_bytes = 300 * 148 * 148;  // a 128-pixel tile with its pad of 10
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 400), 128);
  m.max_tensor_bytes = -1;  // no limit of its own
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 400), 400);
}

TEST(AutoTileSide, UnknownMemoryGivesTheLargest) {
  EXPECT_EQ(auto_tile_side(TileMemory{}, 10, 1, 32, 400), 400);
  TileMemory m;
  m.bytes_per_pixel = 1000;  // the need without what is free
  EXPECT_EQ(auto_tile_side(m, 10, 1, 32, 256), 256);
}

}  // namespace
}  // namespace fr::test
