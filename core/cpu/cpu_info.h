// Facts about the host CPU for device listings.
#pragma once

#include <string>

namespace fr {

struct CpuInfo {
  std::string name;  // the processor's brand string, or "CPU" if unknown
  int threads = 1;   // hardware threads
  std::string isa;   // the instruction set oneDNN dispatches to, e.g. "AVX-512"
};

CpuInfo query_cpu_info();

}  // namespace fr
