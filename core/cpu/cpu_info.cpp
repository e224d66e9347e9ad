#include "core/cpu/cpu_info.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <oneapi/dnnl/dnnl.hpp>

#ifdef _WIN32
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#endif

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#define FR_HAVE_CPUID 1
#endif

namespace fr {
namespace {

std::string brand_string() {
#ifdef FR_HAVE_CPUID
  unsigned regs[12] = {};
  unsigned max_ext = __get_cpuid_max(0x80000000u, nullptr);
  if (max_ext >= 0x80000004u) {
    for (unsigned i = 0; i < 3; ++i)
      __get_cpuid(0x80000002u + i, &regs[i * 4], &regs[i * 4 + 1], &regs[i * 4 + 2],
                  &regs[i * 4 + 3]);
    char text[49] = {};
    std::memcpy(text, regs, 48);
    std::string s(text);
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    if (!s.empty()) return s;
  }
#endif
  return "CPU";
}

std::string isa_name(dnnl::cpu_isa isa) {
  switch (isa) {
    case dnnl::cpu_isa::sse41:
      return "SSE4.1";
    case dnnl::cpu_isa::avx:
      return "AVX";
    case dnnl::cpu_isa::avx2:
      return "AVX2";
    case dnnl::cpu_isa::avx2_vnni:
      return "AVX2-VNNI";
    case dnnl::cpu_isa::avx512_core:
      return "AVX-512";
    case dnnl::cpu_isa::avx512_core_vnni:
      return "AVX-512 VNNI";
    case dnnl::cpu_isa::avx512_core_bf16:
      return "AVX-512 BF16";
    case dnnl::cpu_isa::avx512_core_amx:
      return "AVX-512 AMX";
    default:
      return "generic";
  }
}

}  // namespace

CpuInfo query_cpu_info() {
  CpuInfo info;
  info.name = brand_string();
  info.threads = int(std::max(1u, std::thread::hardware_concurrency()));
  info.isa = isa_name(dnnl::get_effective_cpu_isa());
  return info;
}

int64_t available_memory_bytes() {
#ifdef _WIN32
  MEMORYSTATUSEX status{};
  status.dwLength = sizeof status;
  if (GlobalMemoryStatusEx(&status)) return int64_t(status.ullAvailPhys);
  return -1;
#else
  std::ifstream meminfo("/proc/meminfo");
  std::string line;
  while (std::getline(meminfo, line)) {
    std::istringstream fields(line);
    std::string key;
    int64_t kib = -1;
    if (fields >> key >> kib && key == "MemAvailable:" && kib >= 0) return kib * 1024;
  }
  return -1;
#endif
}

}  // namespace fr
