// Internal to core/vulkan: device memory in large blocks, sub-allocated into ranges of one
// VkBuffer per block. Tensors hold ranges; a released range returns to its block once the GPU
// work recorded before its release has finished (MemoryState::retire / collect). Before that,
// a device range may be handed to a new tensor of the same size for GPU use (commands run in
// recording order with barriers between them), which bounds device memory by what a network
// holds at once, not by what one batch of commands touched.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "core/error.h"
#include "core/tensor.h"
#include "core/vulkan/vk_context.h"

namespace fr::vk {

struct Range {
  VkBuffer buffer = VK_NULL_HANDLE;
  VkDeviceSize offset = 0, size = 0;
  uint8_t* mapped = nullptr;  // host address of the range when the memory is mapped
  int pool = -1;              // which pool of MemoryState it came from
  const void* block = nullptr;
  // A range handed on before the batch of its last use completed (MemoryState::allocate):
  // that batch's serial. The GPU may use the range at once (every command is ordered after
  // the earlier ones); the host must not touch it through `mapped` until MemoryState::idle.
  uint64_t busy_until = 0;
};

class MemoryPool {
 public:
  // `host_visible`: staging memory (mapped, coherent, cached if possible); otherwise device
  // memory, mapped too when the device has unified memory.
  MemoryPool(const Context& ctx, bool host_visible, int pool_id);
  ~MemoryPool();

  Result<Range> allocate(VkDeviceSize bytes, const std::string& what);
  void free(const Range& r);
  void release_empty_blocks();
  VkDeviceSize reserved_bytes() const;
  const std::string& label() const { return ctx_.label(); }
  // The most bytes allocated in ranges at once since the last reset_peak().
  VkDeviceSize peak_used_bytes() const { return peak_used_; }
  void reset_peak() { peak_used_ = used_; }

 private:
  struct Block {
    OwnedMemory memory;
    OwnedBuffer buffer;
    uint8_t* mapped = nullptr;
    VkDeviceSize size = 0, used = 0;
    std::map<VkDeviceSize, VkDeviceSize> free;  // offset → size, coalesced
  };
  Result<Block*> add_block(VkDeviceSize bytes, const std::string& what);

  const Context& ctx_;
  bool mapped_ = false;
  uint32_t type_index_ = 0;
  int pool_id_;
  std::vector<std::unique_ptr<Block>> blocks_;
  VkDeviceSize used_ = 0, peak_used_ = 0;
};

// The pools of one backend, shared with its tensors so that a tensor released on any thread,
// even after the backend is gone, returns its range safely.
class MemoryState {
 public:
  enum Pool { kDevice = 0, kStaging = 1 };
  explicit MemoryState(const Context& ctx);

  // A device range may be a retired one of the same size whose batch is still running
  // (Range::busy_until); staging ranges never are.
  Result<Range> allocate(Pool pool, VkDeviceSize bytes, const std::string& what);
  // The range may still be used by recorded work: it is freed once batch `recording_serial()`
  // has completed.
  void retire(const Range& r);
  // True when no submitted work that used `r` before its current owner can still be running,
  // so the host may write it through its mapping.
  bool idle(const Range& r);
  // Frees every retired range whose batch has completed.
  void collect(uint64_t completed_serial);
  uint64_t recording_serial() const { return recording_serial_; }
  void set_recording_serial(uint64_t s) { recording_serial_ = s; }
  // Returns every block no range is allocated from to the driver.
  void release_empty_blocks();
  // MemoryPool::peak_used_bytes, reserved_bytes and reset_peak of one pool.
  VkDeviceSize peak_used_bytes(Pool pool);
  VkDeviceSize reserved_bytes(Pool pool);
  void reset_peak(Pool pool);
  // Frees all memory while the device still exists; later retire() calls do nothing.
  void shutdown();

 private:
  std::mutex mutex_;
  std::unique_ptr<MemoryPool> pools_[2];
  std::vector<std::pair<uint64_t, Range>> retired_;
  std::atomic<uint64_t> recording_serial_{1};
  uint64_t completed_serial_ = 0;  // the newest batch known to have completed
  bool alive_ = true;
};

// Storage of a Vulkan tensor (or a raw byte buffer): a range retired on destruction.
class VulkanBuffer final : public TensorBuffer {
 public:
  VulkanBuffer(std::shared_ptr<MemoryState> state, Range range)
      : state_(std::move(state)), range_(range) {}
  ~VulkanBuffer() override { state_->retire(range_); }
  const Range& range() const { return range_; }

 private:
  std::shared_ptr<MemoryState> state_;
  Range range_;
};

}  // namespace fr::vk
