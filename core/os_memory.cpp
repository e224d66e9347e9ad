#include "core/os_memory.h"

#include <cstdint>
#include <cstdlib>

#if defined(_WIN32)
#include <malloc.h>
#else
#include <sys/mman.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace fr::os_memory {

void* allocate_aligned(size_t bytes, size_t alignment) {
#if defined(_WIN32)
  return _aligned_malloc(bytes, alignment);
#else
  return std::aligned_alloc(alignment, bytes);
#endif
}

void free_aligned(void* block) {
#if defined(_WIN32)
  _aligned_free(block);
#else
  std::free(block);
#endif
}

void* map_block(size_t bytes, size_t alignment) {
#if defined(_WIN32)
  // VirtualAlloc aligns to 64 KiB only; the heap gives any alignment.
  return allocate_aligned(bytes, alignment);
#else
  // Mapped `alignment` larger, the unaligned ends unmapped.
  const size_t mapped = bytes + alignment;
  void* at = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (at == MAP_FAILED) return nullptr;
  const auto start = reinterpret_cast<uintptr_t>(at);
  const uintptr_t aligned = (start + alignment - 1) / alignment * alignment;
  if (aligned > start) munmap(at, aligned - start);
  const uintptr_t end = start + mapped, used_end = aligned + bytes;
  if (end > used_end) munmap(reinterpret_cast<void*>(used_end), end - used_end);
#if defined(MADV_HUGEPAGE)
  // Advice only: without huge pages the block is used as it is.
  madvise(reinterpret_cast<void*>(aligned), bytes, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
#endif
}

void unmap_block(void* block, size_t bytes) {
#if defined(_WIN32)
  free_aligned(block);
#else
  munmap(block, bytes);
#endif
}

void trim_heap() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace fr::os_memory
