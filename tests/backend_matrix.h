// The backends every op and network test runs on: cpu, vulkan_fp32, vulkan_fp16 and
// vulkan_staging (float32 with the discrete-GPU memory path forced). One backend per case and
// process, made on first use and released by a gtest environment before the process exits
// (while the Vulkan loader and any layers are still loaded).
//
// Vulkan cases use the device named by $FACERESTORE_TEST_VULKAN_DEVICE, else the best one
// listed. Without any Vulkan device they are skipped with the reason, unless
// $FACERESTORE_REQUIRE_VULKAN=1 (set by scripts/test), which makes them fail.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/backend.h"

namespace fr::test {

struct BackendCase {
  std::string name;
  std::function<Result<std::unique_ptr<Backend>>()> make;
  // Every per-op threshold is raised to at least this: 0 for float32 storage; for fp16
  // storage the rounding of inputs and outputs to 11 significant bits.
  double tolerance_floor = 0.0;
  bool fp16_storage() const { return tolerance_floor > 0.0; }
  bool vulkan() const { return name != "cpu"; }
};

// gtest prints a case by its name.
inline void PrintTo(const BackendCase& c, std::ostream* os) {
  *os << c.name;
}

std::vector<BackendCase> test_backends();

// The process's backend for `c`, made on first use, with its error state cleared; nullptr
// with the reason in `why` when it cannot be made.
Backend* shared_backend(const BackendCase& c, std::string& why);

// $FACERESTORE_REQUIRE_VULKAN=1: a backend that cannot be made is a failure, not a skip.
bool backends_required();

}  // namespace fr::test

// In a fixture's SetUp: `backend` = the shared backend of `c`, or the test fails or skips.
#define FR_ACQUIRE_BACKEND(backend, c)                                                  \
  do {                                                                                  \
    std::string why_;                                                                   \
    backend = ::fr::test::shared_backend(c, why_);                                      \
    if (!backend) {                                                                     \
      if (::fr::test::backends_required()) FAIL() << c.name << " cannot run: " << why_; \
      GTEST_SKIP() << c.name << " cannot run: " << why_;                                \
    }                                                                                   \
  } while (0)
