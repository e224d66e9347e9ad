// CpuMemoryPool: freed large blocks are reused across passes of one network, within the
// cache's bound, and large fresh blocks are aligned for huge pages.
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "core/cpu/cpu_buffer.h"

namespace fr {
namespace {

constexpr size_t kMiB = size_t(1) << 20;

// One pass shaped like a super-resolution network: many small activations in the body, then
// a tail of larger blocks, two of them live at once. Checks after every step that the cache
// stays within kCacheBytes.
void run_pass(const std::shared_ptr<CpuMemoryPool>& pool) {
  std::vector<std::unique_ptr<CpuBuffer>> live;
  const auto make = [&](size_t mib) {
    live.push_back(std::make_unique<CpuBuffer>(mib * kMiB / sizeof(float), pool));
    EXPECT_LE(pool->cached_bytes(), CpuMemoryPool::kCacheBytes);
  };
  const auto drop = [&](size_t index) {
    live.erase(live.begin() + long(index));
    EXPECT_LE(pool->cached_bytes(), CpuMemoryPool::kCacheBytes);
  };
  make(8);
  for (int layer = 0; layer < 40; ++layer) {
    make(13);  // a concatenation, dropped at once
    drop(1);
    make(8);  // the layer's output replaces its input
    drop(0);
  }
  for (int layer = 0; layer < 3; ++layer) {
    make(100);
    drop(0);
  }
  drop(0);
  ASSERT_TRUE(live.empty());
}

TEST(CpuMemoryPool, ASecondPassOfANetworkTakesNoFreshBlocks) {
  auto pool = std::make_shared<CpuMemoryPool>();
  run_pass(pool);
  const int64_t first = pool->fresh_blocks.load();
  EXPECT_GE(first, 5);  // two of 8 MiB, one of 13, two of 100 at least
  EXPECT_GT(pool->cached_bytes(), 200 * kMiB);
  run_pass(pool);
  EXPECT_EQ(pool->fresh_blocks.load(), first);
  pool->release_cache();
  EXPECT_EQ(pool->cached_bytes(), 0u);
  EXPECT_EQ(pool->live.load(), 0);
}

TEST(CpuMemoryPool, LargeBlocksAreAlignedToHugePages) {
  auto pool = std::make_shared<CpuMemoryPool>();
  CpuBuffer large(3 * kMiB / sizeof(float) + 5, pool);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(large.raw()) % CpuMemoryPool::kHugeBytes, 0u);
  CpuBuffer small(1000, pool);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(small.raw()) % 64, 0u);
}

}  // namespace
}  // namespace fr
