#include "tests/networks/network_test_support.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "models/npy.h"
#include "tests/test_support.h"

namespace fr::test {

std::vector<BackendCase> network_test_backends() {
  std::vector<BackendCase> cases;
  for (BackendCase& c : test_backends())
    if (c.name != "vulkan_staging") cases.push_back(std::move(c));
  return cases;
}

void NetworkTest::SetUp() {
  FR_ACQUIRE_BACKEND(backend_, GetParam());
}

double NetworkTest::tolerance(double cpu, double vulkan_fp32, double vulkan_fp16) const {
  if (!GetParam().vulkan()) return cpu;
  return GetParam().fp16_storage() ? vulkan_fp16 : vulkan_fp32;
}

HostTensor NetworkTest::down(const Tensor& t) {
  auto r = backend_->download(t);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r).value() : HostTensor{};
}

void NetworkTest::expect_matches_fixture(const HostTensor& got, const std::string& fixture_file,
                                         double tol) {
  const HostTensor want = read_fixture(fixture_file);
  ASSERT_FALSE(want.data.empty());
  ASSERT_EQ(got.shape, want.shape) << fixture_file;
  const double diff = max_abs_diff(got, want);
  EXPECT_LE(diff, tol) << fixture_file << " on " << backend_name() << ": "
                       << describe_difference(got, want);
  std::printf("[ parity   ] %s on %s: max |diff| %.3g (tolerance %.3g)\n", fixture_file.c_str(),
              backend_name().c_str(), diff, tol);
}

HostTensor read_fixture(const std::string& relative) {
  auto t = read_npy_tensor(require_test_data(relative));
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? std::move(t).value() : HostTensor{};
}

WeightStore read_test_weights(const std::string& relative) {
  auto w = load_weights(require_test_data(relative));
  EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error().message);
  return w.ok() ? std::move(w).value() : WeightStore{};
}

double max_abs_diff(const HostTensor& a, const HostTensor& b) {
  if (a.shape != b.shape || a.data.size() != b.data.size())
    return std::numeric_limits<double>::infinity();
  double m = 0.0;
  for (size_t i = 0; i < a.data.size(); ++i) {
    const double d = std::abs(double(a.data[i]) - double(b.data[i]));
    if (std::isnan(d)) return std::numeric_limits<double>::infinity();
    m = std::max(m, d);
  }
  return m;
}

std::string describe_difference(const HostTensor& got, const HostTensor& want) {
  if (got.shape != want.shape) return "shape " + got.shape.str() + ", want " + want.shape.str();
  size_t worst = 0;
  double m = -1.0;
  for (size_t i = 0; i < got.data.size(); ++i) {
    double d = std::abs(double(got.data[i]) - double(want.data[i]));
    if (std::isnan(d)) d = std::numeric_limits<double>::infinity();
    if (d > m) m = d, worst = i;
  }
  const Shape& s = want.shape;
  const size_t x = worst % size_t(s.w), y = worst / size_t(s.w) % size_t(s.h),
               c = worst / size_t(s.plane()) % size_t(s.c), n = worst / size_t(s.c * s.plane());
  char buf[200];
  std::snprintf(buf, sizeof buf, "max |got - want| %.3g at (%zu,%zu,%zu,%zu) (got %.6g, want %.6g)",
                m, n, c, y, x, double(got.data[worst]), double(want.data[worst]));
  return buf;
}

}  // namespace fr::test
