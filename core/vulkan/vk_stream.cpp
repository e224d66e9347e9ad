#include "core/vulkan/vk_stream.h"

#include <algorithm>
#include <vector>

#include "core/fault_injection.h"
#include "core/logging.h"

namespace fr::vk {
namespace {

constexpr int kCommandsPerBatch = 128;
constexpr uint32_t kSetsPerBatch = kCommandsPerBatch;  // one descriptor set per command
constexpr uint32_t kMaxBindings = 8;

}  // namespace

Result<std::unique_ptr<Stream>> Stream::create(const Context& ctx, MemoryState& memory) {
  std::unique_ptr<Stream> s(new Stream(ctx, memory));
  const VkDevice dev = ctx.device();
  for (Slot& slot : s->slots_) {
    VkCommandPoolCreateInfo cpci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    cpci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    cpci.queueFamilyIndex = ctx.queue_family();
    VkCommandPool pool;
    if (VkResult r = vkCreateCommandPool(dev, &cpci, nullptr, &pool); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), "creating a command pool");
    slot.command_pool = OwnedCommandPool(dev, pool);
    VkCommandBufferAllocateInfo cbai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    cbai.commandPool = pool;
    cbai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    cbai.commandBufferCount = 1;
    if (VkResult r = vkAllocateCommandBuffers(dev, &cbai, &slot.cmd); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), "allocating a command buffer");
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    VkFence fence;
    if (VkResult r = vkCreateFence(dev, &fci, nullptr, &fence); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), "creating a fence");
    slot.fence = OwnedFence(dev, fence);
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER,
                                    kSetsPerBatch * kMaxBindings};
    VkDescriptorPoolCreateInfo dpci{VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO};
    dpci.maxSets = kSetsPerBatch;
    dpci.poolSizeCount = 1;
    dpci.pPoolSizes = &size;
    VkDescriptorPool dpool;
    if (VkResult r = vkCreateDescriptorPool(dev, &dpci, nullptr, &dpool); r != VK_SUCCESS)
      return vk_error(r, ctx.label(), "creating a descriptor pool");
    slot.descriptors = OwnedDescriptorPool(dev, dpool);
  }
  return s;
}

Stream::~Stream() {
  for (Slot& s : slots_)
    if (auto st = wait(s); !st) log()->warn("{}", st.error().message);
}

Status Stream::wait(Slot& s) {
  if (!s.in_flight) return {};
  // Fences of separate submits need not signal in order: finish the older batch first, so
  // that collecting this batch's serial never frees ranges an older batch still reads.
  Slot& other = slots_[&s == &slots_[0] ? 1 : 0];
  if (other.in_flight && other.serial < s.serial)
    if (auto st = wait(other); !st) return st;
  const VkFence fence = s.fence.get();
  VkResult r = vkWaitForFences(ctx_.device(), 1, &fence, VK_TRUE, UINT64_MAX);
  if (r != VK_SUCCESS) return vk_error(r, ctx_.label(), "running the network");
  s.in_flight = false;
  memory_.collect(s.serial);
  return {};
}

Status Stream::begin() {
  Slot& s = slots_[current_];
  if (s.recording) return {};
  if (auto st = wait(s); !st) return st;
  const VkDevice dev = ctx_.device();
  const VkFence fence = s.fence.get();
  if (VkResult r = vkResetFences(dev, 1, &fence); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), "recycling a fence");
  if (VkResult r = vkResetDescriptorPool(dev, s.descriptors.get(), 0); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), "recycling descriptors");
  if (VkResult r = vkResetCommandBuffer(s.cmd, 0); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), "recycling a command buffer");
  VkCommandBufferBeginInfo cbbi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
  cbbi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  if (VkResult r = vkBeginCommandBuffer(s.cmd, &cbbi); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), "recording commands");
  s.recording = true;
  s.commands = 0;
  s.serial = next_serial_;
  memory_.set_recording_serial(s.serial);
  return {};
}

void Stream::barrier(VkCommandBuffer cmd) {
  VkMemoryBarrier mb{VK_STRUCTURE_TYPE_MEMORY_BARRIER};
  mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT |
                     VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
  const VkPipelineStageFlags stages =
      VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
  vkCmdPipelineBarrier(cmd, stages, stages, 0, 1, &mb, 0, nullptr, 0, nullptr);
}

Status Stream::dispatch(const KernelPipeline& k, std::initializer_list<Range> ranges,
                        const void* push, uint32_t push_bytes, uint32_t gx, uint32_t gy,
                        uint32_t gz) {
  FR_CHECK(ranges.size() == k.bindings && push_bytes <= kMaxPushBytes, "dispatch arguments");
  if (slots_[current_].recording && slots_[current_].commands >= kCommandsPerBatch)
    if (auto st = submit(); !st) return st;
  if (auto st = begin(); !st) return st;
  Slot& s = slots_[current_];

  VkDescriptorSetAllocateInfo dsai{VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO};
  dsai.descriptorPool = s.descriptors.get();
  dsai.descriptorSetCount = 1;
  const VkDescriptorSetLayout layout = k.set_layout.get();
  dsai.pSetLayouts = &layout;
  VkDescriptorSet set;
  if (VkResult r = vkAllocateDescriptorSets(ctx_.device(), &dsai, &set); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), "allocating descriptors");

  VkDescriptorBufferInfo infos[kMaxBindings];
  VkWriteDescriptorSet writes[kMaxBindings];
  uint32_t n = 0;
  for (const Range& r : ranges) {
    infos[n] = {r.buffer, r.offset, r.size};
    writes[n] = {VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET};
    writes[n].dstSet = set;
    writes[n].dstBinding = n;
    writes[n].descriptorCount = 1;
    writes[n].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
    writes[n].pBufferInfo = &infos[n];
    ++n;
  }
  vkUpdateDescriptorSets(ctx_.device(), n, writes, 0, nullptr);
  vkCmdBindPipeline(s.cmd, VK_PIPELINE_BIND_POINT_COMPUTE, k.pipeline.get());
  vkCmdBindDescriptorSets(s.cmd, VK_PIPELINE_BIND_POINT_COMPUTE, k.layout.get(), 0, 1, &set, 0,
                          nullptr);
  if (push_bytes)
    vkCmdPushConstants(s.cmd, k.layout.get(), VK_SHADER_STAGE_COMPUTE_BIT, 0, push_bytes, push);
  vkCmdDispatch(s.cmd, gx, gy, gz);
  barrier(s.cmd);
  ++s.commands;
  return {};
}

Status Stream::copy(const Range& src, const Range& dst, VkDeviceSize bytes) {
  if (auto st = begin(); !st) return st;
  Slot& s = slots_[current_];
  const VkBufferCopy region{src.offset, dst.offset, bytes};
  vkCmdCopyBuffer(s.cmd, src.buffer, dst.buffer, 1, &region);
  barrier(s.cmd);
  ++s.commands;
  return {};
}

Status Stream::submit() {
  Slot& s = slots_[current_];
  if (!s.recording) return {};
  s.recording = false;
  if (VkResult r = vkEndCommandBuffer(s.cmd); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), "recording commands");
  VkSubmitInfo si{VK_STRUCTURE_TYPE_SUBMIT_INFO};
  si.commandBufferCount = 1;
  si.pCommandBuffers = &s.cmd;
  // A device that was lost (or is made to look lost by FACERESTORE_FAULTS) stays lost.
  if (lost_ || faults::vulkan_submission_lost()) {
    lost_ = true;
    return vk_error(VK_ERROR_DEVICE_LOST, ctx_.label(), "submitting work");
  }
  if (VkResult r = vkQueueSubmit(ctx_.queue(), 1, &si, s.fence.get()); r != VK_SUCCESS) {
    lost_ = r == VK_ERROR_DEVICE_LOST;
    return vk_error(r, ctx_.label(), "submitting work");
  }
  s.in_flight = true;
  ++next_serial_;
  // Ranges released from now on belong to the next batch.
  memory_.set_recording_serial(next_serial_);
  current_ = 1 - current_;
  return {};
}

Status Stream::wait_idle() {
  if (auto st = submit(); !st) return st;
  for (Slot& s : slots_)
    if (auto st = wait(s); !st) return st;
  return {};
}

void Stream::group_grid(uint64_t groups, uint32_t& gx, uint32_t& gy) const {
  groups = std::max<uint64_t>(1, groups);
  const uint64_t max_x = ctx_.properties().limits.maxComputeWorkGroupCount[0];
  gx = uint32_t(std::min(groups, max_x));
  gy = uint32_t((groups + gx - 1) / gx);
}

}  // namespace fr::vk
