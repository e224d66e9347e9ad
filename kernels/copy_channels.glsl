// Included by concat_channels.comp and slice_channels.comp: copies channels
// [src_begin, src_begin + count) of x (src_c channels) to channels [dst_begin, …) of y
// (dst_c channels), for every batch item.
#include "common.glsl"
layout(local_size_x = FLAT_WORKGROUP) in;
layout(std430, binding = 0) readonly buffer X { STORE_T x[]; };
layout(std430, binding = 1) buffer Y { STORE_T y[]; };
layout(push_constant) uniform Push { int n, count, plane, src_c, src_begin, dst_c, dst_begin; } p;

void main() {
  const uint i = flat_index();
  if (i >= uint(p.n * p.count * p.plane)) return;
  const int pix = int(i % uint(p.plane)), k = int((i / uint(p.plane)) % uint(p.count));
  const int b = int(i / uint(p.plane * p.count));
  y[(b * p.dst_c + p.dst_begin + k) * p.plane + pix] = x[(b * p.src_c + p.src_begin + k) * p.plane + pix];
}
