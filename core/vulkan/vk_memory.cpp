#include "core/vulkan/vk_memory.h"

#include <algorithm>
#include <iterator>

#include "core/fault_injection.h"

namespace fr::vk {
namespace {

constexpr VkDeviceSize kBlockBytes = VkDeviceSize(64) << 20;
constexpr VkDeviceSize kAlignment = 256;  // ≥ every device's minStorageBufferOffsetAlignment

VkDeviceSize align_up(VkDeviceSize v) {
  return (v + kAlignment - 1) / kAlignment * kAlignment;
}

// The first memory type allowed by `bits` with all of `required`, preferring `preferred`.
int find_type(const VkPhysicalDeviceMemoryProperties& mem, uint32_t bits,
              VkMemoryPropertyFlags required, VkMemoryPropertyFlags preferred) {
  int fallback = -1;
  for (uint32_t i = 0; i < mem.memoryTypeCount; ++i) {
    if (!(bits & (1u << i))) continue;
    const auto flags = mem.memoryTypes[i].propertyFlags;
    if ((flags & required) != required) continue;
    if ((flags & preferred) == preferred) return int(i);
    if (fallback < 0) fallback = int(i);
  }
  return fallback;
}

}  // namespace

MemoryPool::MemoryPool(const Context& ctx, bool host_visible, int pool_id)
    : ctx_(ctx), mapped_(host_visible || ctx.unified_memory()), pool_id_(pool_id) {}

MemoryPool::~MemoryPool() {
  for (auto& b : blocks_)
    if (b->mapped) vkUnmapMemory(ctx_.device(), b->memory.get());
}

Result<MemoryPool::Block*> MemoryPool::add_block(VkDeviceSize bytes, const std::string& what) {
  auto block = std::make_unique<Block>();
  VkBufferCreateInfo bci{VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO};
  bci.size = bytes;
  bci.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT |
              VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  bci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer buffer = VK_NULL_HANDLE;
  if (VkResult r = vkCreateBuffer(ctx_.device(), &bci, nullptr, &buffer); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), what);
  block->buffer = OwnedBuffer(ctx_.device(), buffer);

  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(ctx_.device(), buffer, &req);
  const VkMemoryPropertyFlags host =
      VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
  int type = -1;
  if (mapped_ && pool_id_ == 0)  // unified memory: device-local and mapped
    type = find_type(ctx_.memory(), req.memoryTypeBits, host,
                     host | VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  else if (mapped_)  // staging: reads back faster from cached memory
    type = find_type(ctx_.memory(), req.memoryTypeBits, host,
                     host | VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
  else
    type = find_type(ctx_.memory(), req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
                     VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  if (type < 0) return Error{ctx_.label() + " offers no suitable memory type for " + what};

  VkMemoryAllocateInfo mai{VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO};
  mai.allocationSize = req.size;
  mai.memoryTypeIndex = uint32_t(type);
  VkDeviceMemory memory = VK_NULL_HANDLE;
  if (VkResult r = vkAllocateMemory(ctx_.device(), &mai, nullptr, &memory); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), what);
  block->memory = OwnedMemory(ctx_.device(), memory);
  if (VkResult r = vkBindBufferMemory(ctx_.device(), buffer, memory, 0); r != VK_SUCCESS)
    return vk_error(r, ctx_.label(), what);
  if (mapped_) {
    void* p = nullptr;
    if (VkResult r = vkMapMemory(ctx_.device(), memory, 0, VK_WHOLE_SIZE, 0, &p); r != VK_SUCCESS)
      return vk_error(r, ctx_.label(), what);
    block->mapped = static_cast<uint8_t*>(p);
  }
  block->size = bytes;
  block->free[0] = bytes;
  blocks_.push_back(std::move(block));
  return blocks_.back().get();
}

Result<Range> MemoryPool::allocate(VkDeviceSize bytes, const std::string& what) {
  const VkDeviceSize need = align_up(std::max<VkDeviceSize>(bytes, 4));
  Block* block = nullptr;
  std::map<VkDeviceSize, VkDeviceSize>::iterator slot;
  for (auto& b : blocks_) {
    for (auto it = b->free.begin(); it != b->free.end(); ++it)
      if (it->second >= need) {
        block = b.get();
        slot = it;
        break;
      }
    if (block) break;
  }
  if (!block) {
    auto added = add_block(std::max(need, kBlockBytes), what);
    if (!added) return added.error();
    block = *added;
    slot = block->free.begin();
  }
  const VkDeviceSize offset = slot->first, available = slot->second;
  block->free.erase(slot);
  if (available > need) block->free[offset + need] = available - need;
  block->used += need;
  used_ += need;
  peak_used_ = std::max(peak_used_, used_);
  return Range{block->buffer.get(),
               offset,
               need,
               block->mapped ? block->mapped + offset : nullptr,
               pool_id_,
               block};
}

void MemoryPool::free(const Range& r) {
  for (auto& b : blocks_) {
    if (b.get() != r.block) continue;
    auto next = b->free.emplace(r.offset, r.size).first;
    b->used -= r.size;
    used_ -= r.size;
    if (auto after = std::next(next);
        after != b->free.end() && next->first + next->second == after->first) {
      next->second += after->second;
      b->free.erase(after);
    }
    if (next != b->free.begin()) {
      auto before = std::prev(next);
      if (before->first + before->second == next->first) {
        before->second += next->second;
        b->free.erase(next);
      }
    }
    return;
  }
}

void MemoryPool::release_empty_blocks() {
  for (auto& b : blocks_)
    if (b->used == 0 && b->mapped)
      vkUnmapMemory(ctx_.device(), b->memory.get()), b->mapped = nullptr;
  std::erase_if(blocks_, [](const auto& b) { return b->used == 0; });
}

VkDeviceSize MemoryPool::reserved_bytes() const {
  VkDeviceSize total = 0;
  for (const auto& b : blocks_) total += b->size;
  return total;
}

VkDeviceSize MemoryState::peak_used_bytes(Pool pool) {
  std::lock_guard lock(mutex_);
  return pools_[pool]->peak_used_bytes();
}

VkDeviceSize MemoryState::reserved_bytes(Pool pool) {
  std::lock_guard lock(mutex_);
  return pools_[pool]->reserved_bytes();
}

void MemoryState::reset_peak(Pool pool) {
  std::lock_guard lock(mutex_);
  pools_[pool]->reset_peak();
}

MemoryState::MemoryState(const Context& ctx) {
  pools_[kDevice] = std::make_unique<MemoryPool>(ctx, false, kDevice);
  pools_[kStaging] = std::make_unique<MemoryPool>(ctx, true, kStaging);
}

Result<Range> MemoryState::allocate(Pool pool, VkDeviceSize bytes, const std::string& what) {
  std::lock_guard lock(mutex_);
  if (pool != kDevice) return pools_[pool]->allocate(bytes, what);
  const VkDeviceSize need = align_up(std::max<VkDeviceSize>(bytes, 4));
  if (faults::vulkan_allocation_fails(need))
    return vk_error(VK_ERROR_OUT_OF_DEVICE_MEMORY, pools_[pool]->label(), what + " (simulated)");
  // The most recently retired range of this size: its memory is the likeliest in cache.
  for (auto it = retired_.rbegin(); it != retired_.rend(); ++it) {
    if (it->second.pool != kDevice || it->second.size != need) continue;
    Range r = it->second;
    r.busy_until = std::max(r.busy_until, it->first);
    retired_.erase(std::next(it).base());
    return r;
  }
  return pools_[pool]->allocate(bytes, what);
}

bool MemoryState::idle(const Range& r) {
  std::lock_guard lock(mutex_);
  return r.busy_until <= completed_serial_;
}

void MemoryState::retire(const Range& r) {
  std::lock_guard lock(mutex_);
  if (alive_) retired_.emplace_back(recording_serial_, r);
}

void MemoryState::collect(uint64_t completed_serial) {
  std::lock_guard lock(mutex_);
  completed_serial_ = std::max(completed_serial_, completed_serial);
  auto keep = std::partition(retired_.begin(), retired_.end(),
                             [&](const auto& e) { return e.first > completed_serial; });
  for (auto it = keep; it != retired_.end(); ++it) pools_[it->second.pool]->free(it->second);
  retired_.erase(keep, retired_.end());
}

void MemoryState::release_empty_blocks() {
  std::lock_guard lock(mutex_);
  for (auto& pool : pools_)
    if (pool) pool->release_empty_blocks();
}

void MemoryState::shutdown() {
  std::lock_guard lock(mutex_);
  alive_ = false;
  retired_.clear();
  pools_[kDevice].reset();
  pools_[kStaging].reset();
}

}  // namespace fr::vk
