// Internal to core/vulkan: records dispatches and copies into command buffers and submits them
// in batches. Every command is followed by a full compute/transfer memory barrier, so commands
// run in recording order. Two command buffers alternate: one records while the other runs.
// Only the backend's thread uses a Stream.
#pragma once

#include <initializer_list>
#include <memory>

#include "core/error.h"
#include "core/vulkan/vk_context.h"
#include "core/vulkan/vk_kernels.h"
#include "core/vulkan/vk_memory.h"

namespace fr::vk {

class Stream {
 public:
  static Result<std::unique_ptr<Stream>> create(const Context& ctx, MemoryState& memory);
  ~Stream();  // waits for all submitted work

  // Binds `ranges` to bindings 0…n−1 of `k`, pushes `push` and dispatches (gx, gy, gz) groups.
  Status dispatch(const KernelPipeline& k, std::initializer_list<Range> ranges, const void* push,
                  uint32_t push_bytes, uint32_t gx, uint32_t gy = 1, uint32_t gz = 1);
  Status copy(const Range& src, const Range& dst, VkDeviceSize bytes);
  // Hands the recorded commands to the GPU without waiting.
  Status submit();
  // Submits and waits until the GPU has finished everything.
  Status wait_idle();

  // A (gx, gy) grid of at least `groups` workgroups within the device's per-dimension limit;
  // kernels number their group gl_WorkGroupID.x + gl_WorkGroupID.y · gl_NumWorkGroups.x.
  void group_grid(uint64_t groups, uint32_t& gx, uint32_t& gy) const;
  // The grid of 256-invocation groups covering `count` invocations (kernels/common.glsl
  // flat_index()).
  void flat_grid(uint64_t count, uint32_t& gx, uint32_t& gy) const {
    group_grid((count + 255) / 256, gx, gy);
  }

 private:
  struct Slot {
    OwnedCommandPool command_pool;
    VkCommandBuffer cmd = VK_NULL_HANDLE;
    OwnedFence fence;
    OwnedDescriptorPool descriptors;
    uint64_t serial = 0;
    bool recording = false, in_flight = false;
    int commands = 0;
  };
  Stream(const Context& ctx, MemoryState& memory) : ctx_(ctx), memory_(memory) {}
  Status begin();        // makes the current slot record
  Status wait(Slot& s);  // waits for a submitted slot and recycles its ranges
  void barrier(VkCommandBuffer cmd);

  const Context& ctx_;
  MemoryState& memory_;
  Slot slots_[2];
  int current_ = 0;
  uint64_t next_serial_ = 1;
  bool lost_ = false;  // a submission reported VK_ERROR_DEVICE_LOST
};

}  // namespace fr::vk
