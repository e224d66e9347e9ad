#include <algorithm>

#include "tests/ops/op_test_support.h"

namespace fr::test {

TEST_P(OpTest, Pad2dEveryMode) {
  const HostTensor x = random_tensor({2, 3, 5, 4}, rng);
  for (PadMode mode : {PadMode::constant, PadMode::replicate, PadMode::reflect}) {
    SCOPED_TRACE(int(mode));
    const Pad2dParams p{2, 1, 3, 0, mode, -7.5f};
    HostTensor ref({2, 3, 5 + 3, 4 + 3});
    for (int n = 0; n < 2; ++n)
      for (int c = 0; c < 3; ++c)
        for (int y = 0; y < ref.shape.h; ++y)
          for (int xx = 0; xx < ref.shape.w; ++xx) {
            int sy = y - p.top, sx = xx - p.left;
            const bool inside = sy >= 0 && sy < 5 && sx >= 0 && sx < 4;
            if (!inside && mode == PadMode::constant) {
              ref.at(n, c, y, xx) = p.value;
              continue;
            }
            if (mode == PadMode::replicate) sy = std::clamp(sy, 0, 4), sx = std::clamp(sx, 0, 3);
            if (mode == PadMode::reflect) {  // mirror about the edge sample
              if (sy < 0) sy = -sy;
              if (sy > 4) sy = 8 - sy;
              if (sx < 0) sx = -sx;
              if (sx > 3) sx = 6 - sx;
            }
            ref.at(n, c, y, xx) = x.at(n, c, sy, sx);
          }
    expect_close(be().pad2d(up(x), p), ref, 0.0);
  }
}

}  // namespace fr::test
