// The op test matrix: every test case in tests/ops runs once per backend of test_backends()
// (tests/backend_matrix.h), comparing the backend's output with a naive reference written in
// the test (double accumulation, the op's formula from core/ops.h taken literally).
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/backend.h"
#include "tests/backend_matrix.h"

namespace fr::test {

HostTensor random_tensor(const Shape& s, std::mt19937& rng, float lo = -1.0f, float hi = 1.0f);
// An h×w 3-channel image of uniformly random bytes.
ImageU8 random_image(int h, int w, std::mt19937& rng);

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
