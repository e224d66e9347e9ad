#include "core/ops.h"

#include <cmath>

namespace fr {

ResizeParams ResizeParams::by_factor(const Shape& in, float factor) {
  ResizeParams p;
  p.out_h = int(std::floor(double(in.h) * factor));
  p.out_w = int(std::floor(double(in.w) * factor));
  p.inv_scale_h = p.inv_scale_w = 1.0f / factor;
  return p;
}

ResizeParams ResizeParams::to_size(const Shape& in, int out_h, int out_w) {
  ResizeParams p;
  p.out_h = out_h;
  p.out_w = out_w;
  p.inv_scale_h = float(in.h) / float(out_h);
  p.inv_scale_w = float(in.w) / float(out_w);
  return p;
}

}  // namespace fr
