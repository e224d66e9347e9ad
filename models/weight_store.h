// Named weights as read from a model file, float32, with their original dimensions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/tensor.h"

namespace fr {

struct Weight {
  std::vector<int64_t> shape;
  std::vector<float> values;

  int64_t numel() const;
  std::string shape_str() const;  // "(64, 3, 3, 3)"
  // As an NCHW tensor: up to 4 dimensions, missing leading ones set to 1; a 5-D StyleGAN
  // weight (1, O, I, K, K) drops its leading 1.
  HostTensor tensor() const;
};

class WeightStore {
 public:
  WeightStore() = default;
  WeightStore(std::string source, std::map<std::string, Weight> weights)
      : source_(std::move(source)), weights_(std::move(weights)) {}

  // Keeps the model's own weights: those under "params_ema", else "params", else
  // "state_dict", else everything; then drops a "module." prefix shared by every key.
  static WeightStore unwrap(std::string source, std::map<std::string, Weight> flat);

  const Weight* find(const std::string& name) const;
  // The weight, or an error naming the key and the file.
  Result<const Weight*> get(const std::string& name) const;
  const std::map<std::string, Weight>& all() const { return weights_; }
  const std::string& source() const { return source_; }
  bool empty() const { return weights_.empty(); }

 private:
  std::string source_;
  std::map<std::string, Weight> weights_;
};

// Opens a PyTorch checkpoint (.pth/.pt/.ckpt, zip or legacy serialisation) or a safetensors
// file, recognised by content, and unwraps it.
Result<WeightStore> load_weights(const std::filesystem::path& path);

}  // namespace fr
