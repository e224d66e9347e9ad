// The op test matrix: every test case in tests/ops runs once per backend returned by
// op_test_backends(), comparing the backend's output with a naive reference written in the
// test (double accumulation, the op's formula from core/ops.h taken literally).
#pragma once

#include <functional>
#include <memory>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/backend.h"

namespace fr::test {

struct BackendCase {
  std::string name;
  std::function<std::unique_ptr<Backend>()> make;
  // Multiplies every per-op threshold: 1 for float32 storage, larger for fp16 storage.
  double tolerance_scale = 1.0;
};

// gtest prints a case by its name.
inline void PrintTo(const BackendCase& c, std::ostream* os) { *os << c.name; }

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
  // Asserts shape equality and normalized_max_error(got, ref) ≤ tol · tolerance_scale.
  void expect_close(const Tensor& got, const HostTensor& ref, double tol);

  std::mt19937 rng{12345};

 private:
  std::unique_ptr<Backend> backend_;
};

}  // namespace fr::test
