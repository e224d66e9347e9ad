// The op test matrix: every test case in tests/ops runs once per backend returned by
// op_test_backends() (cpu, vulkan_fp32, vulkan_fp16), comparing the backend's output with a
// naive reference written in the test (double accumulation, the op's formula from
// core/ops.h taken literally).
//
// Vulkan cases use the device named by $FACERESTORE_TEST_VULKAN_DEVICE, else the best one
// listed. Without any Vulkan device they are skipped with the reason, unless
// $FACERESTORE_REQUIRE_VULKAN=1 (set by scripts/test), which makes them fail.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/backend.h"

namespace fr::test {

struct BackendCase {
  std::string name;
  std::function<Result<std::unique_ptr<Backend>>()> make;
  // Every per-op threshold is raised to at least this: 0 for float32 storage; for fp16
  // storage the rounding of inputs and outputs to 11 significant bits.
  double tolerance_floor = 0.0;
};

// gtest prints a case by its name.
inline void PrintTo(const BackendCase& c, std::ostream* os) {
  *os << c.name;
}

std::vector<BackendCase> op_test_backends();

HostTensor random_tensor(const Shape& s, std::mt19937& rng, float lo = -1.0f, float hi = 1.0f);

// max |got − ref| / max(max |ref|, 1e-6): 0 for identical tensors, ~1e-7 for float rounding.
double normalized_max_error(const HostTensor& got, const HostTensor& ref);

class OpTest : public ::testing::TestWithParam<BackendCase> {
 protected:
  void SetUp() override;
  Backend& be() { return *backend_; }
  Tensor up(const HostTensor& h) { return backend_->upload(h); }
  // Downloads `t`, failing the test (with the backend's error) if that is not possible.
  HostTensor down(const Tensor& t);
  // Asserts shape equality and normalized_max_error(got, ref) ≤ max(tol, tolerance_floor).
  void expect_close(const Tensor& got, const HostTensor& ref, double tol);
  // True when exact comparisons apply (float32 storage).
  bool exact_storage() const { return GetParam().tolerance_floor == 0.0; }

  std::mt19937 rng{12345};

 private:
  Backend* backend_ = nullptr;  // one per case and process, shared by the tests
};

}  // namespace fr::test
