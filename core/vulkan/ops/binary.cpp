#include "core/vulkan/vk_backend.h"

namespace fr::vk {
namespace {

struct BinaryPush {  // kernels/binary.comp
  int32_t out_dims[4];
  int32_t a_strides[4], b_strides[4];
  int32_t kind;
};
static_assert(sizeof(BinaryPush) == 52);

// Element strides in n, c, h, w, with 0 along dimensions of size 1 (broadcast).
void broadcast_strides(const Shape& s, int32_t st[4]) {
  st[3] = s.w > 1 ? 1 : 0;
  st[2] = s.h > 1 ? s.w : 0;
  st[1] = s.c > 1 ? s.h * s.w : 0;
  st[0] = s.n > 1 ? s.c * s.h * s.w : 0;
}

}  // namespace

Tensor VulkanBackend::run_binary(const Tensor& a, const Tensor& b, BinaryKind kind,
                                 const Shape& out) {
  Tensor y = allocate(out);
  if (y.empty()) return {};
  BinaryPush push{{out.n, out.c, out.h, out.w}, {}, {}, int32_t(kind)};
  broadcast_strides(a.shape(), push.a_strides);
  broadcast_strides(b.shape(), push.b_strides);
  if (!run_flat(Kernel::binary, {range(a), range(b), range(y)}, &push, sizeof push, out.numel()))
    return {};
  return y;
}

}  // namespace fr::vk
