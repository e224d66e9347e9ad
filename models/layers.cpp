#include "models/layers.h"

#include <cmath>

namespace fr {

const Weight* WeightUploader::host(const std::string& name, int64_t numel) {
  if (error_) return nullptr;
  const Weight* w = w_.find(name);
  if (!w) {
    fail("the weight " + name + " is missing");
    return nullptr;
  }
  if (numel >= 0 && w->numel() != numel) {
    fail("the weight " + name + " is " + w->shape_str() + ", expected " + std::to_string(numel) +
         " values");
    return nullptr;
  }
  return w;
}

Tensor WeightUploader::upload(const HostTensor& t) {
  if (error_) return {};
  return be_.upload(t);
}

Tensor WeightUploader::tensor(const std::string& name) {
  const Weight* w = host(name);
  return w ? upload(w->tensor()) : Tensor{};
}

Tensor WeightUploader::matrix(const std::string& name) {
  const Weight* w = host(name);
  if (!w) return {};
  if (w->shape.size() != 2) {
    fail("the weight " + name + " is " + w->shape_str() + ", not a matrix");
    return {};
  }
  return upload(HostTensor({int(w->shape[0]), int(w->shape[1]), 1, 1}, w->values));
}

Tensor WeightUploader::channels(const std::string& name) {
  const Weight* w = host(name);
  return w ? upload(HostTensor({1, int(w->numel()), 1, 1}, w->values)) : Tensor{};
}

float WeightUploader::scalar(const std::string& name) {
  const Weight* w = host(name, 1);
  return w ? w->values[0] : 0.0f;
}

void WeightUploader::fail(const std::string& message) {
  if (!error_) error_ = Error{w_.source() + ": " + message};
}

Status WeightUploader::status() const {
  if (error_) return *error_;
  return be_.status();
}

ConvLayer load_conv(WeightUploader& up, const std::string& prefix, const Conv2dParams& params,
                    bool with_bias, float scale) {
  ConvLayer c;
  c.params = params;
  if (scale == 1.0f) {
    c.weight = up.tensor(prefix + ".weight");
    if (with_bias) c.bias = up.channels(prefix + ".bias");
    return c;
  }
  auto scaled = [scale](HostTensor t) {
    for (float& v : t.data) v *= scale;
    return t;
  };
  if (const Weight* w = up.host(prefix + ".weight")) c.weight = up.upload(scaled(w->tensor()));
  if (const Weight* b = with_bias ? up.host(prefix + ".bias") : nullptr)
    c.bias = up.upload(scaled(HostTensor({1, int(b->numel()), 1, 1}, b->values)));
  return c;
}

ConvLayer load_conv_bn(WeightUploader& up, const std::string& conv, const std::string& bn,
                       const Conv2dParams& params, float eps) {
  ConvLayer c;
  c.params = params;
  const Weight* w = up.host(conv + ".weight");
  if (!w || w->shape.size() != 4) {
    if (w) up.fail("the weight " + conv + ".weight is " + w->shape_str() + ", not a convolution");
    return c;
  }
  const int64_t out = w->shape[0];
  const Weight* gamma = up.host(bn + ".weight", out);
  const Weight* beta = up.host(bn + ".bias", out);
  const Weight* mean = up.host(bn + ".running_mean", out);
  const Weight* var = up.host(bn + ".running_var", out);
  if (!gamma || !beta || !mean || !var) return c;

  HostTensor weight = w->tensor();
  HostTensor bias({1, int(out), 1, 1});
  const int64_t per_out = w->numel() / out;
  for (int64_t o = 0; o < out; ++o) {
    const double k = double(gamma->values[o]) / std::sqrt(double(var->values[o]) + eps);
    for (int64_t i = 0; i < per_out; ++i) {
      float& v = weight.data[size_t(o * per_out + i)];
      v = float(v * k);
    }
    bias.data[size_t(o)] = float(beta->values[o] - mean->values[o] * k);
  }
  c.weight = up.upload(weight);
  c.bias = up.upload(bias);
  return c;
}

Result<Tensor> checked(Backend& be, Tensor result) {
  if (be.failed()) return be.status().error();
  return result;
}

}  // namespace fr
