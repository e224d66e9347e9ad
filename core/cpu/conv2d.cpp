// conv2d on the CPU through oneDNN. Primitives are cached by (input shape, weight shape,
// stride, pad, groups, fused post-ops), so tiles and faces of one shape reuse one primitive.
// Post-op chain: bias in the primitive → activation → ·out_scale → + residual (oneDNN's sum
// post-op accumulates into the destination, which is pre-filled with the residual). Where a
// chain is only offered by oneDNN's reference convolution (orders of magnitude slower: PReLU,
// or a sum after an activation, on plain layouts), the primitive computes conv + bias and the
// chain runs as a separate pass over the output instead.
#include <cstring>
#include <string>
#include <unordered_map>

#include <oneapi/dnnl/dnnl.hpp>

#include "core/cpu/cpu_backend.h"
#include "core/cpu/cpu_buffer.h"
#include "core/cpu/parallel.h"

namespace fr {
namespace {

struct ConvKey {
  Shape x, w;
  int stride, pad, groups;
  bool bias, residual;
  ActKind act;
  float slope, out_scale;
  bool operator==(const ConvKey&) const = default;
};

struct ConvKeyHash {
  size_t operator()(const ConvKey& k) const {
    size_t h = 1469598103934665603ull;
    auto mix = [&h](int64_t v) { h = (h ^ size_t(v)) * 1099511628211ull; };
    for (const Shape& s : {k.x, k.w}) {
      mix(s.n), mix(s.c), mix(s.h), mix(s.w);
    }
    mix(k.stride), mix(k.pad), mix(k.groups), mix(k.bias), mix(k.residual), mix(int(k.act));
    mix(int64_t(k.slope * 1e6f)), mix(int64_t(k.out_scale * 1e6f));
    return h;
  }
};

struct ConvPrimitive {
  dnnl::convolution_forward::primitive_desc pd;
  dnnl::convolution_forward prim;
  bool post_ops_in_primitive = false;  // else applied in separate passes after the primitive
};

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

dnnl::convolution_forward::primitive_desc make_primitive_desc(const dnnl::engine& engine,
                                                              const ConvKey& k, const Shape& y,
                                                              bool with_post_ops) {
  const dnnl::memory::desc src({k.x.n, k.x.c, k.x.h, k.x.w}, dt::f32, tag::nchw);
  const dnnl::memory::desc dst({y.n, y.c, y.h, y.w}, dt::f32, tag::nchw);
  const dnnl::memory::desc wei =
      k.groups == 1 ? dnnl::memory::desc({k.w.n, k.w.c, k.w.h, k.w.w}, dt::f32, tag::oihw)
                    : dnnl::memory::desc({k.groups, k.w.n / k.groups, k.w.c, k.w.h, k.w.w}, dt::f32,
                                         tag::goihw);
  const dnnl::memory::desc bias =
      k.bias ? dnnl::memory::desc({k.w.n}, dt::f32, tag::x) : dnnl::memory::desc();
  const dnnl::memory::dims strides = {k.stride, k.stride}, pads = {k.pad, k.pad};
  const dnnl::convolution_forward::desc desc(dnnl::prop_kind::forward_inference,
                                             dnnl::algorithm::convolution_direct, src, wei, bias,
                                             dst, strides, pads, pads);
  dnnl::primitive_attr attr;
  if (!with_post_ops) return dnnl::convolution_forward::primitive_desc(desc, attr, engine);
  dnnl::post_ops ops;
  switch (k.act) {
    case ActKind::none:
      break;
    case ActKind::relu:
      ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
      break;
    case ActKind::leaky_relu:
      ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, k.slope, 0.0f);
      break;
    case ActKind::prelu:
      ops.append_prelu(1 << 1);
      break;
    case ActKind::sigmoid:
      ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_logistic, 0.0f, 0.0f);
      break;
  }
  if (k.out_scale != 1.0f)
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, k.out_scale, 0.0f);
  if (k.residual) ops.append_sum(1.0f);
  attr.set_post_ops(ops);
  return dnnl::convolution_forward::primitive_desc(desc, attr, engine);
}

bool is_reference(const dnnl::convolution_forward::primitive_desc& pd) {
  return std::string(pd.impl_info_str()).rfind("ref", 0) == 0;
}

ConvPrimitive make_primitive(const dnnl::engine& engine, const ConvKey& k, const Shape& y) {
  auto pd = make_primitive_desc(engine, k, y, true);
  bool fused = true;
  if (is_reference(pd)) {
    auto plain = make_primitive_desc(engine, k, y, false);
    if (!is_reference(plain)) pd = plain, fused = false;
  }
  return {pd, dnnl::convolution_forward(pd), fused};
}

// y = y·scale + residual in place (the tail of the post-op chain, after the activation).
void scale_add(float* y, const Shape& ys, float scale, const float* residual) {
  const int64_t plane = ys.plane();
  parallel_for(int64_t(ys.n) * ys.c, [&](int64_t nc) {
    float* v = y + nc * plane;
    const float* r = residual ? residual + nc * plane : nullptr;
    for (int64_t i = 0; i < plane; ++i) v[i] = r ? v[i] * scale + r[i] : v[i] * scale;
  });
}

}  // namespace

struct CpuBackend::ConvCache {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  std::unordered_map<ConvKey, ConvPrimitive, ConvKeyHash> primitives;
};

void CpuBackend::ConvCacheDeleter::operator()(ConvCache* c) const {
  delete c;
}

std::unique_ptr<CpuBackend::ConvCache, CpuBackend::ConvCacheDeleter> CpuBackend::make_conv_cache() {
  return std::unique_ptr<ConvCache, ConvCacheDeleter>(new ConvCache);
}

Tensor CpuBackend::run_conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                              const Conv2dParams& p, int pad, const Tensor& residual,
                              const Shape& ys) {
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  Tensor y = allocate(ys);
  if (y.empty()) return {};

  const ConvKey key{
      xs,         ws,          p.stride,   pad, p.groups, !bias.empty(), !residual.empty(),
      p.act.kind, p.act.slope, p.out_scale};
  try {
    auto& cache = *conv_cache_;
    auto it = cache.primitives.find(key);
    if (it == cache.primitives.end())
      it = cache.primitives.emplace(key, make_primitive(cache.engine, key, ys)).first;
    const ConvPrimitive& cp = it->second;
    if (cp.post_ops_in_primitive && !residual.empty())
      std::memcpy(data(y), data(residual), size_t(ys.numel()) * sizeof(float));
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, dnnl::memory(cp.pd.src_desc(), cache.engine, data(x))},
        {DNNL_ARG_WEIGHTS, dnnl::memory(cp.pd.weights_desc(), cache.engine, data(weight))},
        {DNNL_ARG_DST, dnnl::memory(cp.pd.dst_desc(), cache.engine, data(y))}};
    if (!bias.empty())
      args.emplace(DNNL_ARG_BIAS, dnnl::memory(cp.pd.bias_desc(), cache.engine, data(bias)));
    if (p.act.kind == ActKind::prelu && cp.post_ops_in_primitive) {
      const dnnl::memory::desc slopes_md({1, ws.n, 1, 1}, dt::f32, tag::nchw);
      args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_WEIGHTS,
                   dnnl::memory(slopes_md, cache.engine, data(p.act.prelu_slopes)));
    }
    cp.prim.execute(cache.stream, args);
    cache.stream.wait();
    if (!cp.post_ops_in_primitive) {
      apply_activation(data(y), ys, p.act);
      if (p.out_scale != 1.0f || !residual.empty())
        scale_add(data(y), ys, p.out_scale, residual.empty() ? nullptr : data(residual));
    }
  } catch (const dnnl::error& e) {
    fail(std::string("convolution of ") + xs.str() + " with weights " + ws.str() +
         " failed in oneDNN: " + e.what());
    return {};
  } catch (const std::bad_alloc&) {
    fail("out of memory in a convolution of " + xs.str() + "; try a smaller tile size",
         ErrorKind::out_of_memory);
    return {};
  }
  return y;
}

}  // namespace fr
