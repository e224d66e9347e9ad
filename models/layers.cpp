#include "models/layers.h"

#include <cmath>

namespace fr {
namespace {

std::string shape_text(const std::vector<int64_t>& shape) {
  Weight w;
  w.shape = shape;
  return w.shape_str();
}

}  // namespace

void WeightPlan::declare(const std::string& name, const std::vector<int64_t>& shape) {
  const bool added = shapes_.emplace(name, shape).second;
  FR_CHECK(added, "the weight " + name + " is declared twice");
}

const Weight* WeightPlan::host(const std::string& name, const std::vector<int64_t>& shape) {
  declare(name, shape);
  if (!w_ || error_) return nullptr;
  const Weight* w = w_->find(name);
  if (!w) {
    fail("the weight " + name + " is missing");
    return nullptr;
  }
  if (w->shape != shape) {
    fail("the weight " + name + " is " + w->shape_str() + ", expected " + shape_text(shape));
    return nullptr;
  }
  return w;
}

Tensor WeightPlan::upload(const HostTensor& t) {
  if (!be_ || error_) return {};
  return be_->upload(t);
}

Tensor WeightPlan::tensor(const std::string& name, const std::vector<int64_t>& shape) {
  const Weight* w = host(name, shape);
  return w ? upload(w->tensor()) : Tensor{};
}

Tensor WeightPlan::matrix(const std::string& name, int64_t out, int64_t in) {
  const Weight* w = host(name, {out, in});
  return w ? upload(HostTensor({int(out), int(in), 1, 1}, w->values)) : Tensor{};
}

Tensor WeightPlan::channels(const std::string& name, const std::vector<int64_t>& shape) {
  const Weight* w = host(name, shape);
  return w ? upload(HostTensor({1, int(w->numel()), 1, 1}, w->values)) : Tensor{};
}

float WeightPlan::scalar(const std::string& name, const std::vector<int64_t>& shape) {
  const Weight* w = host(name, shape);
  if (w && w->numel() != 1) {
    fail("the weight " + name + " is " + w->shape_str() + ", not a single value");
    return 0.0f;
  }
  return w ? w->values[0] : 0.0f;
}

void WeightPlan::unused(const std::string& name, const std::vector<int64_t>& shape) {
  declare(name, shape);
}

void WeightPlan::fail(const std::string& message) {
  if (!error_) error_ = Error{(w_ ? w_->source() + ": " : std::string()) + message};
}

Status WeightPlan::status() const {
  if (error_) return *error_;
  return be_ ? be_->status() : Status{};
}

ConvLayer load_conv(WeightPlan& p, const std::string& prefix, const ConvShape& shape,
                    const Conv2dParams& params, bool with_bias, float scale) {
  ConvLayer c;
  c.params = params;
  const std::vector<int64_t> weight_shape{shape.out, shape.in / params.groups, shape.k, shape.k};
  if (scale == 1.0f) {
    c.weight = p.tensor(prefix + ".weight", weight_shape);
    if (with_bias) c.bias = p.channels(prefix + ".bias", {shape.out});
    return c;
  }
  auto scaled = [scale](HostTensor t) {
    for (float& v : t.data) v *= scale;
    return t;
  };
  if (const Weight* w = p.host(prefix + ".weight", weight_shape))
    c.weight = p.upload(scaled(w->tensor()));
  if (const Weight* b = with_bias ? p.host(prefix + ".bias", {shape.out}) : nullptr)
    c.bias = p.upload(scaled(HostTensor({1, int(b->numel()), 1, 1}, b->values)));
  return c;
}

ConvLayer load_conv_bn(WeightPlan& p, const std::string& conv, const std::string& bn,
                       const ConvShape& shape, const Conv2dParams& params, float eps) {
  ConvLayer c;
  c.params = params;
  const int64_t out = shape.out;
  const Weight* w = p.host(conv + ".weight", {out, shape.in / params.groups, shape.k, shape.k});
  const Weight* gamma = p.host(bn + ".weight", {out});
  const Weight* beta = p.host(bn + ".bias", {out});
  const Weight* mean = p.host(bn + ".running_mean", {out});
  const Weight* var = p.host(bn + ".running_var", {out});
  p.unused(bn + ".num_batches_tracked", {});
  if (!w || !gamma || !beta || !mean || !var) return c;

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
  c.weight = p.upload(weight);
  c.bias = p.upload(bias);
  return c;
}

Result<Tensor> checked(Backend& be, Tensor result) {
  if (be.failed()) return be.status().error();
  return result;
}

}  // namespace fr
