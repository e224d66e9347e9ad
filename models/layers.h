// What the networks share: declaring and uploading named weights (one plan serves load() and
// the architecture's expected weights), and the convolution layer (optionally with a
// BatchNorm folded into it).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/backend.h"
#include "models/network_registry.h"
#include "models/weight_store.h"

namespace fr {

// The weights a network's load() reads, each declared once with its name and shape by the
// network's plan function, which runs in one of two modes:
// - listing (default-constructed): every call records its name and shape and returns an empty
//   value; shapes() is then the architecture's expected_weights.
// - loading (with a store and a backend): every call checks that the store holds the name with
//   that shape and uploads it. The first problem (a missing key, another shape, a backend
//   error) is kept and reported by status(), naming the key, both shapes and the file; later
//   calls return empty values.
// Shapes are as the state dict stores them ({} for a 0-D tensor).
class WeightPlan {
 public:
  WeightPlan() = default;
  WeightPlan(const WeightStore& weights, Backend& backend) : w_(&weights), be_(&backend) {}

  bool loading() const { return w_ != nullptr; }

  // The stored weight of `shape`; nullptr when listing or after an error.
  const Weight* host(const std::string& name, const std::vector<int64_t>& shape);
  // The weight uploaded with its stored dimensions (Weight::tensor()).
  Tensor tensor(const std::string& name, const std::vector<int64_t>& shape);
  // A linear layer's (out, in) matrix, uploaded as (out, in, 1, 1), the weight Backend::linear
  // takes.
  Tensor matrix(const std::string& name, int64_t out, int64_t in);
  // A per-channel vector (C values, any stored shape) uploaded as (1,C,1,1).
  Tensor channels(const std::string& name, const std::vector<int64_t>& shape);
  // A single stored value; 0 when listing.
  float scalar(const std::string& name, const std::vector<int64_t>& shape);
  // A weight the file holds and the architecture expects, which inference does not read.
  void unused(const std::string& name, const std::vector<int64_t>& shape);
  // Uploads a tensor computed from stored weights; empty when listing or after an error.
  Tensor upload(const HostTensor& t);

  // Records `message` (prefixed with the file) unless an error is already recorded.
  void fail(const std::string& message);
  Status status() const;
  // Every name and shape declared so far.
  const WeightShapes& shapes() const { return shapes_; }

 private:
  void declare(const std::string& name, const std::vector<int64_t>& shape);

  const WeightStore* w_ = nullptr;
  Backend* be_ = nullptr;
  WeightShapes shapes_;
  std::optional<Error> error_;
};

// The expected weights of a network: its plan function run in listing mode on empty layers.
template <class Layers, class Config>
WeightShapes list_weights(void (*plan)(WeightPlan&, const Config&, Layers&), const Config& config) {
  WeightPlan p;
  Layers layers;
  plan(p, config, layers);
  return p.shapes();
}

// A network's layers for `config`, loaded from `weights` onto `backend` by its plan function;
// the error is the plan's first problem.
template <class Layers, class Config>
Result<std::unique_ptr<Layers>> load_layers(void (*plan)(WeightPlan&, const Config&, Layers&),
                                            const Config& config, const WeightStore& weights,
                                            Backend& backend) {
  auto layers = std::make_unique<Layers>();
  WeightPlan p(weights, backend);
  plan(p, config, *layers);
  if (auto st = p.status(); !st) return st.error();
  return layers;
}

// A convolution with its bias and parameters: y = act(conv(x) + b)·out_scale [+ residual].
struct ConvLayer {
  Tensor weight, bias;
  Conv2dParams params;

  Tensor operator()(Backend& be, const Tensor& x, const Tensor& residual = {}) const {
    return be.conv2d(x, weight, bias, params, residual);
  }
};

// A convolution's size as PyTorch's Conv2d(in, out, k, groups) takes it: its weight is
// (out, in / groups, k, k), its bias (out).
struct ConvShape {
  int64_t out, in, k;
};

// `prefix`.weight and, when `with_bias`, `prefix`.bias, both multiplied by `scale` on the host
// before the upload (a constant factor on a convolution without activation, folded in).
ConvLayer load_conv(WeightPlan& p, const std::string& prefix, const ConvShape& shape,
                    const Conv2dParams& params, bool with_bias = true, float scale = 1.0f);

// A convolution without bias (`conv`.weight) followed by BatchNorm (`bn`.weight, .bias,
// .running_mean, .running_var; .num_batches_tracked is expected, not read), folded into one
// convolution: with k = γ/√(σ² + eps), w' = w·k per output channel and b' = β − μ·k.
ConvLayer load_conv_bn(WeightPlan& p, const std::string& conv, const std::string& bn,
                       const ConvShape& shape, const Conv2dParams& params, float eps = 1e-5f);

// The error of a forward pass: the backend's error state, or `result` itself.
Result<Tensor> checked(Backend& be, Tensor result);

}  // namespace fr
