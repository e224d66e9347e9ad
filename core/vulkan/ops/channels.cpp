// concat_channels and slice_channels, both through kernels/copy_channels.comp.
#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct CopyChannelsPush {
  int32_t n, count, plane, src_c, src_begin, dst_c, dst_begin;
};
static_assert(sizeof(CopyChannelsPush) == 28);

}  // namespace

Tensor VulkanBackend::run_concat_channels(const std::vector<Tensor>& parts, const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  int begin = 0;
  for (const Tensor& t : parts) {
    const Shape& s = t.shape();
    const CopyChannelsPush push{s.n, s.c, int32_t(s.plane()), s.c, 0, out.c, begin};
    if (!run_flat(Kernel::copy_channels, {range(t), range(y)}, &push, sizeof push, s.numel()))
      return {};
    begin += s.c;
  }
  return y;
}

Tensor VulkanBackend::run_slice_channels(const Tensor& x, int begin, int count) {
  const Shape& s = x.shape();
  Tensor y = allocate({s.n, count, s.h, s.w});
  if (y.empty()) return {};
  const CopyChannelsPush push{s.n, count, int32_t(s.plane()), s.c, begin, count, 0};
  if (!run_flat(Kernel::copy_channels, {range(x), range(y)}, &push, sizeof push, y.shape().numel()))
    return {};
  return y;
}

}  // namespace fr::vk
