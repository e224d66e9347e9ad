#include "core/fault_injection.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <vector>

#include "core/logging.h"

namespace fr::faults {
namespace {

struct Plan {
  uint64_t alloc_over = 0;        // 0: off
  uint64_t cpu_alloc_over = 0;    // 0: off
  std::vector<uint64_t> lost_at;  // submission numbers
  uint64_t lost_from = 0;         // 0: off
};

std::optional<Plan> parse(const std::string& spec) {
  Plan plan;
  std::stringstream items(spec);
  std::string item;
  while (std::getline(items, item, ',')) {
    if (item.empty()) continue;
    const auto eq = item.find('=');
    if (eq == std::string::npos) return std::nullopt;
    const std::string key = item.substr(0, eq), text = item.substr(eq + 1);
    char* end = nullptr;
    const unsigned long long value = std::strtoull(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value == 0) return std::nullopt;
    if (key == "vulkan_alloc_over")
      plan.alloc_over = value;
    else if (key == "cpu_alloc_over")
      plan.cpu_alloc_over = value;
    else if (key == "vulkan_lost_at_submit")
      plan.lost_at.push_back(value);
    else if (key == "vulkan_lost_from_submit")
      plan.lost_from = value;
    else
      return std::nullopt;
  }
  return plan;
}

// The plan of FACERESTORE_FAULTS, read on first use and never changed.
const Plan& plan() {
  static const Plan p = [] {
    const char* env = std::getenv("FACERESTORE_FAULTS");
    if (!env) return Plan{};
    auto parsed = parse(env);
    if (!parsed) {
      log()->warn("FACERESTORE_FAULTS='{}' is not a valid fault list; ignored", env);
      return Plan{};
    }
    log()->warn("FACERESTORE_FAULTS is set: device and memory failures are simulated ({})", env);
    return *parsed;
  }();
  return p;
}

std::atomic<uint64_t> g_submissions{0};
std::atomic<uint64_t> g_cpu_limit_for_testing{0};
std::atomic<bool> g_cpu_counting{false};
std::atomic<int64_t> g_cpu_allocations_left{0};  // while counting; ≤ 0: every request fails

}  // namespace

bool vulkan_allocation_fails(uint64_t bytes) {
  return plan().alloc_over && bytes > plan().alloc_over;
}

bool cpu_allocation_fails(uint64_t bytes) {
  if (g_cpu_counting.load(std::memory_order_relaxed) && g_cpu_allocations_left.fetch_sub(1) <= 0)
    return true;
  const uint64_t limit = g_cpu_limit_for_testing.load(std::memory_order_relaxed);
  if (limit) return bytes > limit;
  return plan().cpu_alloc_over && bytes > plan().cpu_alloc_over;
}

void set_cpu_allocation_limit_for_testing(uint64_t bytes) {
  g_cpu_limit_for_testing = bytes;
}

void set_cpu_allocations_left_for_testing(int64_t count) {
  g_cpu_allocations_left = count;
  g_cpu_counting = count >= 0;
}

bool vulkan_submission_lost() {
  const Plan& p = plan();
  if (!p.lost_from && p.lost_at.empty()) return false;
  const uint64_t n = ++g_submissions;
  if (p.lost_from && n >= p.lost_from) return true;
  return std::find(p.lost_at.begin(), p.lost_at.end(), n) != p.lost_at.end();
}

}  // namespace fr::faults
