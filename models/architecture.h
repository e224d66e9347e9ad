// Which network a set of weights belongs to, and its hyper-parameters, read from key names
// and shapes (../shared/spec/networks.md). check_weights compares every key and shape the
// architecture needs with what the file holds.
#pragma once

#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"
#include "models/weight_store.h"

namespace fr {

struct GfpganConfig {
  int out_size = 512;     // 2^log_size
  double narrow = 1.0;    // channel narrowing (1 for the published weights)
  int style_width = 512;  // F
};

struct RrdbnetConfig {
  int scale = 4;  // 4, 2 (pixel-unshuffle 2) or 1 (pixel-unshuffle 4)
  int nf = 64, blocks = 23, gc = 32;
  int in_channels = 3, out_channels = 3;
};

struct SrvggConfig {
  int num_conv = 32, scale = 4, nf = 64;
  int in_channels = 3, out_channels = 3;
};

struct RetinafaceConfig {
  enum class Backbone { mobilenet025, resnet50 };
  Backbone backbone = Backbone::mobilenet025;
};

using ModelConfig = std::variant<GfpganConfig, RrdbnetConfig, SrvggConfig, RetinafaceConfig>;

// "GFPGANv1Clean (out 512, narrow 0.125, style width 256)" and the like.
std::string describe(const ModelConfig& config);

// Recognises the architecture; an error says what the file looks like if none fits.
Result<ModelConfig> detect_architecture(const WeightStore& weights);

// Every weight name and shape the architecture needs.
std::map<std::string, std::vector<int64_t>> expected_weights(const ModelConfig& config);

// Compares with expected_weights: the error names missing and unexpected keys and
// mismatched shapes (the first few of each, with counts).
Status check_weights(const WeightStore& weights, const ModelConfig& config);

}  // namespace fr
