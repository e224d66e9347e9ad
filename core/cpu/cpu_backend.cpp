#include "core/cpu/cpu_backend.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>
#include <thread>

#include "core/cpu/cpu_buffer.h"
#include "core/cpu/cpu_info.h"
#include "core/cpu/parallel.h"

namespace fr {

CpuBackend::CpuBackend(const CpuBackendOptions& options)
    : conv_cache_(make_conv_cache()), memory_(std::make_shared<CpuMemoryPool>()) {
  threads_ = options.threads > 0 ? options.threads
                                 : int(std::max(1u, std::thread::hardware_concurrency()));
  omp_set_num_threads(threads_);
}

CpuBackend::~CpuBackend() = default;

void CpuBackend::release_cached_memory() {
  memory_->release_cache();
}

int64_t CpuBackend::peak_memory_bytes() const {
  return memory_->peak.load();
}

int64_t CpuBackend::free_memory_bytes() const {
  return available_memory_bytes();
}

void CpuBackend::reset_peak_memory() {
  memory_->peak.store(memory_->live.load());
}

float* CpuBackend::data(const Tensor& t) {
  auto* buffer = static_cast<CpuBuffer*>(t.buffer());
  buffer->convert_to_plain();
  return buffer->raw();
}

Error CpuBackend::error_from_exception(const char* op, const std::exception& e) const {
  if (const auto* dnnl_error = dynamic_cast<const dnnl::error*>(&e)) {
    if (dnnl_error->status == dnnl_out_of_memory)
      return Error{std::string(op) + ": out of memory (oneDNN)", ErrorKind::out_of_memory};
    return Error{std::string(op) + ": oneDNN: " + e.what()};
  }
  return Backend::error_from_exception(op, e);
}

Tensor CpuBackend::allocate(const Shape& s, size_t floats) {
  FR_CHECK(s.n > 0 && s.c > 0 && s.h > 0 && s.w > 0, "allocate " + s.str());
  try {
    return Tensor(s, std::make_shared<CpuBuffer>(floats ? floats : size_t(s.numel()), memory_),
                  this);
  } catch (const std::bad_alloc&) {
    fail("out of memory allocating a tensor of " + s.str() + " (" +
             std::to_string(s.numel() * 4 / (1024 * 1024)) + " MiB); try a smaller tile size",
         ErrorKind::out_of_memory);
    return {};
  }
}

Tensor CpuBackend::run_upload(const HostTensor& host) {
  Tensor t = allocate(host.shape);
  if (!t.empty()) std::memcpy(data(t), host.data.data(), host.data.size() * sizeof(float));
  return t;
}

Result<HostTensor> CpuBackend::run_download(const Tensor& t) {
  HostTensor host(t.shape());
  std::memcpy(host.data.data(), data(t), host.data.size() * sizeof(float));
  return host;
}

void CpuBackend::apply_activation(float* y, const Shape& s, const Activation& act) {
  if (act.kind == ActKind::none) return;
  const int64_t plane = s.plane();
  if (act.kind == ActKind::sigmoid) {
    parallel_for(int64_t(s.n) * s.c, [&](int64_t nc) {
      float* p = y + nc * plane;
      for (int64_t i = 0; i < plane; ++i) p[i] = 1.0f / (1.0f + std::exp(-p[i]));
    });
    return;
  }
  const float* slopes = act.kind == ActKind::prelu ? data(act.prelu_slopes) : nullptr;
  parallel_for(int64_t(s.n) * s.c, [&](int64_t nc) {
    float* p = y + nc * plane;
    const float slope = act.kind == ActKind::relu         ? 0.0f
                        : act.kind == ActKind::leaky_relu ? act.slope
                                                          : slopes[nc % s.c];
    for (int64_t i = 0; i < plane; ++i) p[i] = p[i] > 0.0f ? p[i] : p[i] * slope;
  });
}

}  // namespace fr
