// Facts about the host CPU for device listings.
#pragma once

#include <cstdint>
#include <string>

namespace fr {

struct CpuInfo {
  std::string name;  // the processor's brand string, or "CPU" if unknown
  int threads = 1;   // hardware threads
  std::string isa;   // the instruction set oneDNN dispatches to, e.g. "AVX-512"
};

CpuInfo query_cpu_info();

// Bytes of memory the operating system could give this process now without swapping
// (Linux: MemAvailable of /proc/meminfo; Windows: the available physical memory), or −1
// when it cannot tell.
int64_t available_memory_bytes();

}  // namespace fr
