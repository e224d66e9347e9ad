// conv2d on the CPU through oneDNN. Primitives are cached by (input shape, weight shape,
// stride, pad, groups, fused post-ops), so tiles and faces of one shape reuse one primitive.
//
// Layouts: oneDNN picks the input, output and weight layouts (format "any"): channels-last
// or channel blocks of 8 or 16, by implementation and instruction set. The output stays in that
// layout (CpuBuffer::layout), so the next convolution reads it as it is; an input in another layout
// is converted in place once, and a weight buffer is reordered in place the first time a
// convolution reads it.
//
// Post-op chain: bias in the primitive → activation → ·out_scale → + residual (oneDNN's sum
// post-op accumulates into the destination, which is pre-filled with the residual). Where a
// chain is only offered by oneDNN's reference convolution (orders of magnitude slower), plain
// layouts are tried, and then a primitive that computes conv + bias with the chain as separate
// passes over the output.
#include <cstring>
#include <optional>
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
  // PReLU (the whole chain) as oneDNN's PReLU primitive in place on the blocked output, where
  // no direct convolution offers it as a post-op.
  std::optional<dnnl::prelu_forward> prelu;
  dnnl::memory::desc prelu_slopes;
};

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

bool is_reference(const dnnl::convolution_forward::primitive_desc& pd) {
  return std::string(pd.impl_info_str()).rfind("ref", 0) == 0;
}

// oneDNN lists an im2col + GEMM implementation before some direct ones that support fewer
// post-ops in their first variant (PReLU); the direct ones in blocked layouts are faster.
bool is_gemm(const dnnl::convolution_forward::primitive_desc& pd) {
  return std::string(pd.impl_info_str()).find("gemm") != std::string::npos;
}

dnnl::memory::desc weight_layout(const ConvKey& k, tag format) {
  return k.groups == 1 ? dnnl::memory::desc({k.w.n, k.w.c, k.w.h, k.w.w}, dt::f32, format)
                       : dnnl::memory::desc({k.groups, k.w.n / k.groups, k.w.c, k.w.h, k.w.w},
                                            dt::f32, format == tag::any ? tag::any : tag::goihw);
}

// `any_layout`: oneDNN chooses the layouts, and a direct implementation is preferred over
// GEMM where one offers the post-ops; otherwise plain nchw / oihw.
dnnl::convolution_forward::primitive_desc make_primitive_desc(const dnnl::engine& engine,
                                                              const ConvKey& k, const Shape& y,
                                                              bool with_post_ops, bool any_layout) {
  const tag act_format = any_layout ? tag::any : tag::nchw;
  const dnnl::memory::desc src({k.x.n, k.x.c, k.x.h, k.x.w}, dt::f32, act_format);
  const dnnl::memory::desc dst({y.n, y.c, y.h, y.w}, dt::f32, act_format);
  const dnnl::memory::desc wei = weight_layout(k, any_layout ? tag::any : tag::oihw);
  const dnnl::memory::desc bias =
      k.bias ? dnnl::memory::desc({k.w.n}, dt::f32, tag::x) : dnnl::memory::desc();
  const dnnl::memory::dims strides = {k.stride, k.stride}, pads = {k.pad, k.pad};
  const dnnl::convolution_forward::desc desc(dnnl::prop_kind::forward_inference,
                                             dnnl::algorithm::convolution_direct, src, wei, bias,
                                             dst, strides, pads, pads);
  dnnl::post_ops ops;
  switch (with_post_ops ? k.act : ActKind::none) {
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
  if (with_post_ops && k.out_scale != 1.0f)
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, k.out_scale, 0.0f);
  if (with_post_ops && k.residual) ops.append_sum(1.0f);
  dnnl::primitive_attr attr;
  attr.set_post_ops(ops);
  dnnl::convolution_forward::primitive_desc pd(desc, attr, engine);
  if (any_layout && is_gemm(pd)) {
    // Iterating needs `desc` alive, and moves `pd` itself (copies share the handle).
    while (is_gemm(pd) && pd.next_impl()) {
    }
    if (is_gemm(pd) || is_reference(pd)) pd = {desc, attr, engine};
  }
  return pd;
}

ConvPrimitive make_primitive(const dnnl::engine& engine, const ConvKey& k, const Shape& y) {
  for (bool any_layout : {true, false}) {
    auto pd = make_primitive_desc(engine, k, y, true, any_layout);
    if (any_layout && (is_gemm(pd) || is_reference(pd)) && k.act == ActKind::prelu &&
        k.out_scale == 1.0f && !k.residual) {
      auto bare = make_primitive_desc(engine, k, y, false, true);
      if (!is_gemm(bare) && !is_reference(bare)) {
        const dnnl::memory::desc slopes({1, k.w.n, 1, 1}, dt::f32, tag::nchw);
        const dnnl::prelu_forward::desc desc(dnnl::prop_kind::forward_inference, bare.dst_desc(),
                                             slopes);
        const dnnl::prelu_forward::primitive_desc prelu_pd(desc, engine);
        return {bare, dnnl::convolution_forward(bare), true, dnnl::prelu_forward(prelu_pd), slopes};
      }
    }
    if (!is_reference(pd)) return {pd, dnnl::convolution_forward(pd), true};
  }
  auto pd = make_primitive_desc(engine, k, y, true, false);
  bool fused = true;
  if (auto plain = make_primitive_desc(engine, k, y, false, false); !is_reference(plain))
    pd = plain, fused = false;
  return {pd, dnnl::convolution_forward(pd), fused};
}

// The values of `t` in `layout`: the buffer is converted in place when they are in another
// (weights stay in their convolution's layout; data() restores plain order for other ops).
float* values_in(const Tensor& t, const dnnl::memory::desc& layout) {
  auto* buffer = static_cast<CpuBuffer*>(t.buffer());
  buffer->convert_to(layout);
  return buffer->raw();
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
  std::unordered_map<ConvKey, ConvPrimitive, ConvKeyHash> primitives;
};

void CpuBackend::ConvCacheDeleter::operator()(ConvCache* c) const {
  delete c;
}

std::unique_ptr<CpuBackend::ConvCache, CpuBackend::ConvCacheDeleter> CpuBackend::make_conv_cache() {
  return std::unique_ptr<ConvCache, ConvCacheDeleter>(new ConvCache);
}

Tensor CpuBackend::run_conv2d(const Tensor& x, const Tensor& weight, const Tensor& bias,
                              const Conv2dParams& p, const Tensor& residual, int pad,
                              const Shape& ys) {
  const Shape& xs = x.shape();
  const Shape& ws = weight.shape();
  const ConvKey key{
      xs,         ws,          p.stride,   pad, p.groups, !bias.empty(), !residual.empty(),
      p.act.kind, p.act.slope, p.out_scale};
  try {
    auto& cache = *conv_cache_;
    dnnl::engine& engine = cpu_engine();
    auto it = cache.primitives.find(key);
    if (it == cache.primitives.end())
      it = cache.primitives.emplace(key, make_primitive(engine, key, ys)).first;
    const ConvPrimitive& cp = it->second;
    const dnnl::memory::desc dst_layout = cp.pd.dst_desc();
    Tensor y = allocate(ys, dst_layout.get_size() / sizeof(float));
    if (y.empty()) return {};
    if (!is_plain(dst_layout)) static_cast<CpuBuffer*>(y.buffer())->set_layout(dst_layout);
    float* const dst = static_cast<CpuBuffer*>(y.buffer())->raw();
    if (cp.post_ops_in_primitive && !residual.empty())
      std::memcpy(dst, values_in(residual, dst_layout), dst_layout.get_size());
    float* const src = values_in(x, cp.pd.src_desc());
    float* const wei = values_in(weight, cp.pd.weights_desc());
    std::unordered_map<int, dnnl::memory> args{
        {DNNL_ARG_SRC, dnnl::memory(cp.pd.src_desc(), engine, src)},
        {DNNL_ARG_WEIGHTS, dnnl::memory(cp.pd.weights_desc(), engine, wei)},
        {DNNL_ARG_DST, dnnl::memory(dst_layout, engine, dst)}};
    if (!bias.empty())
      args.emplace(DNNL_ARG_BIAS, dnnl::memory(cp.pd.bias_desc(), engine, data(bias)));
    if (p.act.kind == ActKind::prelu && cp.post_ops_in_primitive && !cp.prelu) {
      const dnnl::memory::desc slopes_md({1, ws.n, 1, 1}, dt::f32, tag::nchw);
      args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_WEIGHTS,
                   dnnl::memory(slopes_md, engine, data(p.act.prelu_slopes)));
    }
    cp.prim.execute(cpu_stream(), args);
    if (cp.prelu) {
      const dnnl::memory out(dst_layout, engine, dst);
      cp.prelu->execute(
          cpu_stream(),
          {{DNNL_ARG_SRC, out},
           {DNNL_ARG_WEIGHTS, dnnl::memory(cp.prelu_slopes, engine, data(p.act.prelu_slopes))},
           {DNNL_ARG_DST, out}});
    }
    cpu_stream().wait();
    if (!cp.post_ops_in_primitive) {
      apply_activation(data(y), ys, p.act);
      if (p.out_scale != 1.0f || !residual.empty())
        scale_add(data(y), ys, p.out_scale, residual.empty() ? nullptr : data(residual));
    }
    return y;
  } catch (const dnnl::error& e) {
    fail(std::string("convolution of ") + xs.str() + " with weights " + ws.str() +
         " failed in oneDNN: " + e.what());
    return {};
  } catch (const std::bad_alloc&) {
    fail("out of memory in a convolution of " + xs.str() + "; try a smaller tile size",
         ErrorKind::out_of_memory);
    return {};
  }
}

}  // namespace fr
