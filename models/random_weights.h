// Weights with every name and shape an architecture needs (expected_weights) and random
// values: for benchmarking architectures whose published weights are not at hand. The values
// keep activations in a sane range, nothing more: the outputs mean nothing.
#pragma once

#include <cstdint>

#include "models/network_registry.h"
#include "models/weight_store.h"

namespace fr {

// Tensors of two or more dimensions: uniform in ±√(3 / fan_in), fan_in the product of the
// dimensions after the output one (the last three for 5-D StyleGAN weights). Vectors and
// scalars: 1 for BatchNorm scales and variances ("weight", "running_var"), else 0. A pure
// function of (config, seed).
WeightStore random_weights(const ModelConfig& config, uint64_t seed = 1);

}  // namespace fr
