#include "models/random_weights.h"

#include <cmath>
#include <string>

#include "core/noise_rng.h"

namespace fr {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

Weight random_weight(const std::string& name, const std::vector<int64_t>& shape, uint64_t seed) {
  Weight w;
  w.shape = shape;
  w.values.resize(size_t(w.numel()));
  if (shape.size() < 2) {
    const bool one = ends_with(name, "weight") || ends_with(name, "running_var");
    std::fill(w.values.begin(), w.values.end(), one ? 1.0f : 0.0f);
    return w;
  }
  int64_t fan_in = 1;
  const size_t first = shape.size() >= 5 ? shape.size() - 3 : 1;
  for (size_t i = first; i < shape.size(); ++i) fan_in *= shape[i];
  const float bound = std::sqrt(3.0f / float(std::max<int64_t>(1, fan_in)));
  for (size_t i = 0; i < w.values.size(); ++i) {
    const uint32_t bits = mix32(uint32_t(seed) ^ mix32(uint32_t(i) ^ 0x85ebca6bU));
    w.values[i] = (2.0f * uniform_from_bits(bits) - 1.0f) * bound;
  }
  return w;
}

}  // namespace

WeightStore random_weights(const ModelConfig& config, uint64_t seed) {
  std::map<std::string, Weight> weights;
  uint64_t stream = seed;
  for (const auto& [name, shape] : expected_weights(config))
    weights.emplace(name, random_weight(name, shape, mix32(uint32_t(++stream))));
  return WeightStore("random weights for " + describe(config), std::move(weights));
}

}  // namespace fr
