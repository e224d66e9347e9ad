// Test hooks that make device operations and CPU allocations fail on purpose, so that the
// recovery paths (smaller tiles, a recreated device, the CPU fallback) can be exercised on any
// machine. Off unless the environment variable FACERESTORE_FAULTS is set when the process
// first asks; its value is a comma-separated list of:
//   vulkan_alloc_over=BYTES       every device-memory request over BYTES fails with
//                                 VK_ERROR_OUT_OF_DEVICE_MEMORY (a GPU with little memory)
//   vulkan_lost_at_submit=N       the Nth queue submission of the process (from 1) reports
//                                 VK_ERROR_DEVICE_LOST; may be given more than once
//   vulkan_lost_from_submit=N     the Nth and every later submission report it
//   cpu_alloc_over=BYTES          every CPU backend block request over BYTES fails as
//                                 std::bad_alloc (a computer short of memory)
// The list is read once; the counter is process-wide and thread-safe. A malformed list is
// reported once and ignored.
#pragma once

#include <cstdint>

namespace fr::faults {

// True when a device-memory request of `bytes` must fail.
bool vulkan_allocation_fails(uint64_t bytes);
// True when a CPU backend block request of `bytes` must fail.
bool cpu_allocation_fails(uint64_t bytes);
// For tests in one process: from now on CPU block requests over `bytes` fail as with
// cpu_alloc_over (0: back to what FACERESTORE_FAULTS says). Any thread.
void set_cpu_allocation_limit_for_testing(uint64_t bytes);
// For tests in one process: the next `count` CPU block requests succeed and every later one
// fails, whatever its size (−1: off). Any thread.
void set_cpu_allocations_left_for_testing(int64_t count);
// Counts one queue submission; true when it must report a lost device.
bool vulkan_submission_lost();

}  // namespace fr::faults
