#include <cmath>
#include <fstream>

#include <gtest/gtest.h>

#include "models/npy.h"
#include "tests/test_support.h"

namespace fr::test {

TEST(Npy, ReadsTheGfpganFixtureInput) {
  auto t = read_npy_tensor(require_test_data("fixtures/gfpgan-clean-n0125/input.npy"));
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->shape, (Shape{1, 3, 512, 512}));
  // The input is an RGB face scaled to [−1, 1].
  float lo = 1e9f, hi = -1e9f;
  for (float v : t->data) lo = std::min(lo, v), hi = std::max(hi, v);
  EXPECT_GE(lo, -1.0f);
  EXPECT_LE(hi, 1.0f);
  EXPECT_LT(lo, hi);
}

TEST(Npy, RejectsTruncatedAndForeignFiles) {
  TempDir dir;
  const auto src = require_test_data("fixtures/rrdbnet-x4-f32-b2/input.npy");
  std::ifstream in(src, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 200u);
  std::ofstream(dir.path() / "short.npy", std::ios::binary) << bytes.substr(0, bytes.size() - 7);
  std::ofstream(dir.path() / "header.npy", std::ios::binary) << bytes.substr(0, 20);
  std::ofstream(dir.path() / "text.npy") << "hello";
  for (const char* name : {"short.npy", "header.npy", "text.npy", "missing.npy"}) {
    auto r = read_npy(dir.path() / name);
    EXPECT_FALSE(r.ok()) << name;
    if (!r.ok()) {
      EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
    }
  }
}

}  // namespace fr::test
