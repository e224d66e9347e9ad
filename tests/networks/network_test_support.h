// The network parity tests: each network runs on every backend of network_test_backends()
// (cpu, vulkan_fp32, vulkan_fp16) and is compared with what the official PyTorch code computed
// (../shared/fixtures), within the tolerances of issue 5: tight for float32, looser for fp16
// storage.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/backend.h"
#include "models/weight_store.h"
#include "tests/backend_matrix.h"

namespace fr::test {

std::vector<BackendCase> network_test_backends();

class NetworkTest : public ::testing::TestWithParam<BackendCase> {
 protected:
  void SetUp() override;
  Backend& be() { return *backend_; }
  const std::string& backend_name() const { return GetParam().name; }
  // The tolerance that applies to this backend.
  double tolerance(double cpu, double vulkan_fp32, double vulkan_fp16) const;
  // Downloads `t`, failing the test with the backend's error if that is not possible.
  HostTensor down(const Tensor& t);
  // Expects `got` to have the shape of the fixture tensor `fixture_file` and to be within
  // max-abs `tol` of it; a failure names the file, the backend and the worst element.
  void expect_matches_fixture(const HostTensor& got, const std::string& fixture_file, double tol);

 private:
  Backend* backend_ = nullptr;
};

// A fixture tensor (.npy under ../shared) or a model's weights; failures are test failures
// that name the file, and the result is then empty.
HostTensor read_fixture(const std::string& relative);
WeightStore read_test_weights(const std::string& relative);

// max |a − b| over all elements; infinity when a value is NaN or the shapes differ.
double max_abs_diff(const HostTensor& a, const HostTensor& b);

// A readable comparison: "max |got − want| 3.1e-05 at (0,2,17,4) (got 0.51, want 0.51)".
std::string describe_difference(const HostTensor& got, const HostTensor& want);

}  // namespace fr::test

#define FR_INSTANTIATE_NETWORK_TEST(fixture)                                         \
  INSTANTIATE_TEST_SUITE_P(Backends, fixture,                                        \
                           ::testing::ValuesIn(::fr::test::network_test_backends()), \
                           [](const auto& info) { return info.param.name; })
