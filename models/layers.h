// What the networks share: uploading named weights once, at load, and the convolution layer
// (optionally with a BatchNorm folded into it).
#pragma once

#include <optional>
#include <string>

#include "core/backend.h"
#include "models/architecture.h"
#include "models/weight_store.h"

namespace fr {

// Uploads weights by name from a WeightStore to a backend. Load code asks for every tensor it
// needs and checks status() once at the end: the first problem (a missing key, a size that
// does not fit, a backend error) is kept and reported there, naming the key and the file.
class WeightUploader {
 public:
  WeightUploader(const WeightStore& weights, Backend& backend) : w_(weights), be_(backend) {}

  // The stored values, or nullptr (and the error recorded) when `name` is missing or does not
  // hold `numel` values (numel < 0: any count).
  const Weight* host(const std::string& name, int64_t numel = -1);
  // The weight uploaded with its stored dimensions (Weight::tensor()).
  Tensor tensor(const std::string& name);
  // A linear layer's (out, in) matrix as (out, in, 1, 1), the weight Backend::linear takes.
  Tensor matrix(const std::string& name);
  // A per-channel vector as (1,C,1,1).
  Tensor channels(const std::string& name);
  // A single stored value.
  float scalar(const std::string& name);
  Tensor upload(const HostTensor& t);

  // Records `message` (prefixed with the file) unless an error is already recorded.
  void fail(const std::string& message);
  Status status() const;

 private:
  const WeightStore& w_;
  Backend& be_;
  std::optional<Error> error_;
};

// A convolution with its bias and parameters: y = act(conv(x) + b)·out_scale [+ residual].
struct ConvLayer {
  Tensor weight, bias;
  Conv2dParams params;

  Tensor operator()(Backend& be, const Tensor& x, const Tensor& residual = {}) const {
    return be.conv2d(x, weight, bias, params, residual);
  }
};

// `prefix`.weight and, when `with_bias`, `prefix`.bias, both multiplied by `scale` on the host
// before the upload (a constant factor on a convolution without activation, folded in).
ConvLayer load_conv(WeightUploader& up, const std::string& prefix, const Conv2dParams& params,
                    bool with_bias = true, float scale = 1.0f);

// A convolution without bias followed by BatchNorm (inference statistics), folded into one
// convolution: with k = γ/√(σ² + eps), w' = w·k per output channel and b' = β − μ·k.
ConvLayer load_conv_bn(WeightUploader& up, const std::string& conv, const std::string& bn,
                       const Conv2dParams& params, float eps = 1e-5f);

// The weights' architecture when it is `Config` and every key and shape is as that
// architecture needs; otherwise an error naming what the file holds ("…, not `network`").
template <class Config>
Result<Config> checked_config(const WeightStore& weights, const std::string& network) {
  auto detected = detect_architecture(weights);
  if (!detected) return detected.error();
  const auto* config = std::get_if<Config>(&*detected);
  if (!config)
    return Error{weights.source() + ": holds " + describe(*detected) + ", not " + network};
  if (auto st = check_weights(weights, *config); !st) return st.error();
  return *config;
}

// The error of a forward pass: the backend's error state, or `result` itself.
Result<Tensor> checked(Backend& be, Tensor result);

}  // namespace fr
