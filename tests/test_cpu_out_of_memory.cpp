// The CPU backend short of memory (core/fault_injection.h, the *_for_testing hooks): an
// allocation that fails inside any op, including the layout conversion of a convolution's
// output that another op reads, becomes the backend's out-of-memory error state. No exception
// leaves an op, so the pipeline's recovery (smaller tiles) applies on the CPU too.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <utility>
#include <vector>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/cpu_buffer.h"
#include "core/fault_injection.h"
#include "models/random_weights.h"
#include "models/srvgg.h"

namespace fr {
namespace {

HostTensor random_host(const Shape& s, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  HostTensor t(s);
  for (float& v : t.data) v = dist(rng);
  return t;
}

// Lifts the limit again when a test ends, whatever happened.
struct LimitGuard {
  ~LimitGuard() {
    faults::set_cpu_allocation_limit_for_testing(0);
    faults::set_cpu_allocations_left_for_testing(-1);
  }
};

}  // namespace

TEST(CpuOutOfMemory, EveryOpTurnsAFailedAllocationIntoTheErrorState) {
  LimitGuard guard;
  CpuBackend be(CpuBackendOptions{2});
  const Tensor x = be.upload(random_host({1, 16, 9, 11}, 1));
  const Tensor w = be.upload(random_host({16, 16, 3, 3}, 2));
  const Tensor style = be.upload(random_host({1, 16, 1, 1}, 4));
  const Tensor noise = be.upload(random_host({1, 1, 9, 11}, 5));
  const Tensor wl = be.upload(random_host({4, 16 * 9 * 11, 1, 1}, 9));
  // A convolution's output as oneDNN may keep it, in a blocked layout: every op below
  // converts it back to plain order first, which allocates outside CpuBackend::allocate, so
  // the failure is an exception from inside the op.
  const Tensor y = be.conv2d(x, w, {}, {});
  ASSERT_TRUE(be.finish().ok());
  auto* blocked = dynamic_cast<CpuBuffer*>(y.buffer());
  ASSERT_NE(blocked, nullptr);
  const dnnl::memory::desc nchw8c({1, 16, 9, 11}, dnnl::memory::data_type::f32,
                                  dnnl::memory::format_tag::nChw8c);
  blocked->convert_to(nchw8c);
  ASSERT_TRUE(blocked->layout().has_value());
  const std::vector<uint8_t> pixels(9 * 11 * 3, 100);
  const ImageU8View image{pixels.data(), 9, 11, 11 * 3};

  // Every op that allocates its output from the backend's memory (tensor_to_image's output is
  // host memory; its conversion failing is what the others' inputs show).
  const std::vector<std::pair<const char*, std::function<bool()>>> ops = {
      {"conv2d", [&] { return be.conv2d(y, w, {}, {}).empty(); }},
      {"linear", [&] { return be.linear(y, wl, {}).empty(); }},
      {"conv_transpose2d", [&] { return be.conv_transpose2d(y, w, {}, {}).empty(); }},
      {"pad2d",
       [&] {
         return be.pad2d(y, {1, 1, 1, 1}).empty();
       }},
      {"crop2d",
       [&] {
         return be.crop2d(y, {1, 1, 5, 5}).empty();
       }},
      {"resize_bilinear",
       [&] { return be.resize_bilinear(y, ResizeParams::by_factor(y.shape(), 2)).empty(); }},
      {"resize_nearest",
       [&] { return be.resize_nearest(y, ResizeParams::by_factor(y.shape(), 2)).empty(); }},
      {"pixel_shuffle", [&] { return be.pixel_shuffle(y, 2).empty(); }},
      {"pixel_unshuffle",
       [&] {
         return be.pixel_unshuffle(be.crop2d(y, {0, 0, 8, 10}), 2).empty();
       }},
      {"binary", [&] { return be.add(y, y).empty(); }},
      {"scale_shift",
       [&] {
         return be.scale_shift(y, {2.0f, 1.0f, {}, {}, {}}).empty();
       }},
      {"clamp", [&] { return be.clamp(y, 0.0f, 1.0f).empty(); }},
      {"concat_channels",
       [&] {
         return be.concat_channels({y, y}).empty();
       }},
      {"slice_channels", [&] { return be.slice_channels(y, 2, 5).empty(); }},
      {"modulate_weights", [&] { return be.modulate_weights(w, style, {}).empty(); }},
      {"add_noise", [&] { return be.add_noise(y, noise, 0.5f).empty(); }},
      {"random_normal", [&] { return be.random_normal(9, 11, 7).empty(); }},
      {"softmax_channels", [&] { return be.softmax_channels(y, 4).empty(); }},
      {"max_pool2d", [&] { return be.max_pool2d(y, {}).empty(); }},
      {"image_to_tensor", [&] { return be.image_to_tensor(image, {}).empty(); }},
      {"upload",
       [&] {
         return be.upload(random_host({1, 3, 9, 11}, 6)).empty();
       }},
  };
  // Each op with its first k block requests granted and the next failing, k = 0…3: the
  // failure falls on the output, on the conversion of y, or on neither.
  for (const auto& [name, run] : ops) {
    for (int granted = 0; granted <= 3; ++granted) {
      be.clear_error();
      blocked->convert_to(nchw8c);
      faults::set_cpu_allocations_left_for_testing(granted);
      bool empty = false;
      EXPECT_NO_THROW(empty = run()) << name << ", " << granted << " granted";
      faults::set_cpu_allocations_left_for_testing(-1);
      const Status status = be.status();
      if (!empty && status.ok()) continue;  // needed no more than `granted`
      EXPECT_TRUE(empty) << name;
      ASSERT_FALSE(status.ok()) << name;
      EXPECT_EQ(status.error().kind, ErrorKind::out_of_memory)
          << name << ", " << granted << " granted: " << status.error().message;
      EXPECT_NE(status.error().message.find("out of memory"), std::string::npos)
          << name << ": " << status.error().message;
    }
  }
  // Without the limit every op works again.
  be.clear_error();
  EXPECT_FALSE(be.add(y, y).empty());
  EXPECT_TRUE(be.finish().ok());
}

TEST(CpuOutOfMemory, AFailureInTheMiddleOfANetworkIsItsOutOfMemoryError) {
  LimitGuard guard;
  SrvggConfig config;
  config.num_conv = 4;
  config.nf = 16;
  const WeightStore weights = random_weights(config);
  CpuBackend be(CpuBackendOptions{2});
  auto net = Srvgg::load(weights, be);
  ASSERT_TRUE(net.ok()) << net.error().message;
  const Tensor x = be.upload(random_host({1, 3, 32, 32}, 8));
  auto first = (*net)->forward(x);
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto expected = be.download(*first);
  ASSERT_TRUE(expected.ok());

  // 100 kB: the body's 16-channel maps (64 kB) fit, the last convolution's 48 channels
  // (196 kB) and the ×4 output do not.
  faults::set_cpu_allocation_limit_for_testing(100'000);
  Result<Tensor> failed = Error{"not run"};
  EXPECT_NO_THROW(failed = (*net)->forward(x));
  faults::set_cpu_allocation_limit_for_testing(0);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().kind, ErrorKind::out_of_memory) << failed.error().message;
  EXPECT_NE(failed.error().message.find("out of memory"), std::string::npos)
      << failed.error().message;

  be.clear_error();
  auto again = (*net)->forward(x);
  ASSERT_TRUE(again.ok()) << again.error().message;
  auto got = be.download(*again);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->data, expected->data);
}

}  // namespace fr
