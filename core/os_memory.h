// Memory straight from the operating system, for the CPU backend's blocks: the one place
// with per-system code for it (Linux, other POSIX systems, Windows). Any thread.
#pragma once

#include <cstddef>

namespace fr::os_memory {

// `bytes` (a multiple of `alignment`, itself a power of two ≥ 64) aligned to `alignment`, or
// null when the system has no memory. Freed with free_aligned.
void* allocate_aligned(size_t bytes, size_t alignment);
void free_aligned(void* block);

// A block of `bytes` (a multiple of `alignment`) aligned to `alignment`, mapped on its own
// where the system can (so freeing it returns its pages at once) and, on Linux, advised to
// be backed by transparent huge pages (advice only); elsewhere from the heap. Null when the
// system has no memory. Freed with unmap_block, with the same size.
void* map_block(size_t bytes, size_t alignment);
void unmap_block(void* block, size_t bytes);

// Returns the heap's freed pages to the system where the C library keeps them (glibc).
void trim_heap();

}  // namespace fr::os_memory
