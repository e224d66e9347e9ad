#include "core/fault_injection.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <sstream>
#include <vector>

#include "core/logging.h"

namespace fr::faults {
namespace {

struct Plan {
  uint64_t alloc_over = 0;           // 0: off
  std::vector<uint64_t> lost_at;     // submission numbers
  uint64_t lost_from = 0;            // 0: off
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
    else if (key == "vulkan_lost_at_submit")
      plan.lost_at.push_back(value);
    else if (key == "vulkan_lost_from_submit")
      plan.lost_from = value;
    else
      return std::nullopt;
  }
  return plan;
}

struct State {
  std::mutex mutex;
  Plan plan;
  std::atomic<uint64_t> submissions{0};
};

State& state() {
  static State* s = [] {
    auto* st = new State;
    if (const char* env = std::getenv("FACERESTORE_FAULTS")) {
      if (auto plan = parse(env)) {
        st->plan = *plan;
        log()->warn("FACERESTORE_FAULTS is set: device failures are simulated ({})", env);
      } else {
        log()->warn("FACERESTORE_FAULTS='{}' is not a valid fault list; ignored", env);
      }
    }
    return st;
  }();
  return *s;
}

}  // namespace

bool vulkan_allocation_fails(uint64_t bytes) {
  State& s = state();
  std::lock_guard lock(s.mutex);
  return s.plan.alloc_over && bytes > s.plan.alloc_over;
}

bool vulkan_submission_lost() {
  State& s = state();
  const uint64_t n = ++s.submissions;
  std::lock_guard lock(s.mutex);
  if (s.plan.lost_from && n >= s.plan.lost_from) return true;
  return std::find(s.plan.lost_at.begin(), s.plan.lost_at.end(), n) != s.plan.lost_at.end();
}

bool set_plan_for_testing(const std::string& spec) {
  State& s = state();
  auto plan = parse(spec);
  std::lock_guard lock(s.mutex);
  s.plan = plan ? *plan : Plan{};
  s.submissions = 0;
  return plan.has_value();
}

}  // namespace fr::faults
