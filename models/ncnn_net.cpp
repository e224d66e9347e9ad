#include "models/ncnn_net.h"

#include <algorithm>
#include <cmath>

namespace fr {
namespace {

constexpr int kAuto = -233;  // ncnn's "not given" / SAME_UPPER marker
constexpr int kSameLower = -234;

std::vector<int> int_array(const NcnnLayer& l, int id) {
  std::vector<int> out;
  if (auto it = l.params.find(id); it != l.params.end())
    for (double v : it->second.values) out.push_back(saturated_int(v));
  return out;
}

std::vector<float> float_array(const NcnnLayer& l, int id) {
  std::vector<float> out;
  if (auto it = l.params.find(id); it != l.params.end())
    for (double v : it->second.values) out.push_back(float(v));
  return out;
}

}  // namespace

struct NcnnNet::Step {
  const NcnnLayer* layer = nullptr;
  Tensor weight, bias, slopes, scalar;
  // Convolution / Deconvolution
  int kw = 0, kh = 0, stride = 1, groups = 1;
  int pad_l = 0, pad_r = 0, pad_t = 0, pad_b = 0;
  float pad_value = 0.0f;
  int output_pad = 0, output_w = 0, output_h = 0;
  int act = 0;
  std::vector<float> act_params;
  // A ReLU / PReLU / Sigmoid layer that followed this convolution and is run as its epilogue
  // (its PReLU slopes, if any, in `slopes`).
  const NcnnLayer* fused = nullptr;
  // The blobs the step writes: the layer's tops, or the fused layer's.
  std::vector<std::string> tops;
  // Other layers' parameters, read when the step runs.
};

namespace {

// The activation of a ReLU, PReLU (`slopes` uploaded when there is more than one) or Sigmoid
// layer.
Activation layer_activation(const NcnnLayer& l, const Tensor& slopes) {
  if (l.type == "ReLU") {
    const float slope = float(l.float_param(0, 0.0));
    return slope == 0.0f ? Activation::relu() : Activation::leaky(slope);
  }
  if (l.type == "PReLU")
    return slopes.empty() ? Activation::leaky(l.blobs[0][0]) : Activation::prelu(slopes);
  return Activation::sigmoid();
}

bool is_activation_layer(const NcnnLayer& l) {
  return l.type == "ReLU" || l.type == "PReLU" || l.type == "Sigmoid";
}

// ncnn's fused activation_type 1 (relu), 2 (leaky, params[0]) and 4 (sigmoid) as an epilogue;
// type 3 (clip) runs as a clamp afterwards; the others are refused at load. A following
// activation layer fused at load takes the place of type 0.
Activation fused_activation(const NcnnNet::Step& s) {
  if (s.fused) return layer_activation(*s.fused, s.slopes);
  switch (s.act) {
    case 1:
      return Activation::relu();
    case 2:
      return Activation::leaky(s.act_params[0]);
    case 4:
      return Activation::sigmoid();
    default:
      return Activation::none();
  }
}

}  // namespace

NcnnNet::NcnnNet(Backend& backend, std::string source) : be_(backend), source_(std::move(source)) {}

NcnnNet::~NcnnNet() = default;

Result<std::unique_ptr<NcnnNet>> NcnnNet::load(const NcnnModel& model, Backend& be) {
  std::unique_ptr<NcnnNet> net(new NcnnNet(be, model.source));
  for (const NcnnLayer& l : model.layers) {
    Step s;
    s.layer = &l;
    const std::string where = model.source + ": layer " + l.name + " (" + l.type + ")";
    auto unsupported = [&](const std::string& what) {
      return Error{where + ": " + what + " is not supported"};
    };
    const std::string& t = l.type;
    if (t == "Input") {
      if (!net->input_blob_.empty()) return unsupported("a second Input");
      if (l.tops.size() != 1) return Error{where + ": needs one output"};
      net->input_blob_ = l.tops[0];
    } else if (t == "Convolution" || t == "ConvolutionDepthWise" || t == "Deconvolution") {
      const int out = l.int_param(0, 0);
      s.kw = l.int_param(1, 0);
      s.kh = l.int_param(11, s.kw);
      const int dil_w = l.int_param(2, 1), dil_h = l.int_param(12, dil_w);
      const int stride_w = l.int_param(3, 1), stride_h = l.int_param(13, stride_w);
      s.pad_l = l.int_param(4, 0);
      s.pad_r = l.int_param(15, s.pad_l);
      s.pad_t = l.int_param(14, s.pad_l);
      s.pad_b = l.int_param(16, s.pad_t);
      s.act = l.int_param(9, 0);
      s.act_params = float_array(l, 10);
      s.groups = t == "ConvolutionDepthWise" ? l.int_param(7, 1) : 1;
      if (s.kw <= 0 || s.kh <= 0 || out <= 0) return Error{where + ": bad kernel or output size"};
      if (dil_w != 1 || dil_h != 1) return unsupported("dilation");
      if (stride_w != stride_h || stride_w < 1) return unsupported("unequal strides");
      if (s.act > 4) return unsupported("activation type " + std::to_string(s.act));
      if ((s.act == 2 && s.act_params.empty()) || (s.act == 3 && s.act_params.size() < 2))
        return Error{where + ": activation parameters missing"};
      if (l.int_param(t == "Deconvolution" ? 28 : 19, 0)) return unsupported("dynamic weights");
      s.stride = stride_w;
      const int64_t taps = int64_t(s.kw) * s.kh;
      const int64_t per_out = int64_t(l.blobs[0].size()) / out;
      if (per_out % taps || out % s.groups) return Error{where + ": weight size does not fit"};
      const int in_per_group = int(per_out / taps);
      s.weight = be.upload(HostTensor({out, in_per_group, s.kh, s.kw}, l.blobs[0]));
      if (l.blobs.size() > 1) s.bias = be.upload(HostTensor({1, out, 1, 1}, l.blobs[1]));
      if (t == "Deconvolution") {
        const int opr = l.int_param(18, 0), opb = l.int_param(19, opr);
        if (opr != opb) return unsupported("unequal output padding");
        s.output_pad = opr;
        s.output_w = l.int_param(20, 0);
        s.output_h = l.int_param(21, s.output_w);
      } else {
        s.pad_value = float(l.float_param(18, 0.0));
      }
    } else if (t == "PReLU") {
      const std::vector<float>& sl = l.blobs[0];
      if (sl.size() > 1) s.slopes = be.upload(HostTensor({1, int(sl.size()), 1, 1}, sl));
    } else if (t == "BinaryOp") {
      const int op = l.int_param(0, 0);
      if (op > 9) return unsupported("BinaryOp type " + std::to_string(op));
      if (l.int_param(1, 0))
        s.scalar = be.upload(HostTensor({1, 1, 1, 1}, {float(l.float_param(2, 0))}));
    } else if (t == "Interp") {
      const int type = l.int_param(0, 0);
      if (type != 1 && type != 2) return unsupported("Interp type " + std::to_string(type));
      if (l.int_param(6, 0)) return unsupported("align_corner");
      if (l.int_param(5, 0)) return unsupported("a dynamic target size");
    } else if (t == "PixelShuffle") {
      if (l.int_param(1, 0) != 0) return unsupported("PixelShuffle mode 1");
    } else if (t == "Concat") {
      const int axis = l.int_param(0, 0);
      if (axis != 0 && axis != -3) return unsupported("Concat along axis " + std::to_string(axis));
    } else if (t == "Padding") {
      if (l.int_param(6, 0) > 0) return unsupported("per-channel padding values");
      if (l.int_param(7, 0) || l.int_param(8, 0)) return unsupported("channel padding");
      if (l.int_param(0, 0) < 0 || l.int_param(1, 0) < 0 || l.int_param(2, 0) < 0 ||
          l.int_param(3, 0) < 0)
        return unsupported("padding given by a second input");
      if (l.int_param(4, 0) > 2)
        return unsupported("padding type " + std::to_string(l.int_param(4, 0)));
    } else if (t == "Crop") {
      const bool sliced = !int_array(l, 9).empty() && !int_array(l, 10).empty();
      if (!sliced && l.int_param(3, 0) == 0 && l.int_param(4, 0) == 0 && l.int_param(5, 0) == 0)
        return unsupported("Crop to a second input's size");
    } else if (t == "Reshape") {
      if (l.int_param(3, 0)) return unsupported("Reshape with permute");
      if (l.int_param(11, kAuto) != kAuto || l.int_param(2, kAuto) == kAuto)
        return unsupported("a reshape to other than three dimensions");
    } else if (t == "Eltwise") {
      if (l.int_param(0, 0) > 2)
        return unsupported("Eltwise type " + std::to_string(l.int_param(0, 0)));
    }
    if (be.failed()) return be.status().error();
    if (!l.tops.empty()) net->last_blob_ = l.tops[0];
    s.tops = l.tops;
    net->steps_.push_back(std::move(s));
  }
  if (net->input_blob_.empty()) return Error{model.source + ": the graph has no Input layer"};
  net->fuse_activations();
  for (size_t i = 0; i < net->steps_.size(); ++i)
    for (const std::string& b : net->steps_[i].layer->bottoms) net->last_reader_[b] = i;
  return net;
}

void NcnnNet::fuse_activations() {
  std::map<std::string, int> readers;
  for (const Step& s : steps_)
    for (const std::string& b : s.layer->bottoms) ++readers[b];
  std::vector<Step> fused;
  for (size_t i = 0; i < steps_.size(); ++i) {
    Step s = std::move(steps_[i]);
    const NcnnLayer& l = *s.layer;
    const bool conv = l.type == "Convolution" || l.type == "ConvolutionDepthWise";
    if (conv && s.act == 0 && s.tops.size() == 1 && readers[s.tops[0]] == 1 &&
        i + 1 < steps_.size()) {
      Step& next = steps_[i + 1];
      const NcnnLayer& a = *next.layer;
      const bool slopes_fit = next.slopes.empty() || next.slopes.shape().c == s.weight.shape().n;
      if (is_activation_layer(a) && a.bottoms == s.tops && slopes_fit) {
        fused_blobs_[s.tops[0]] = l.name;
        s.fused = &a;
        s.slopes = next.slopes;
        s.tops = next.tops;
        ++i;
      }
    }
    fused.push_back(std::move(s));
  }
  steps_ = std::move(fused);
}

Result<Tensor> NcnnNet::forward(const Tensor& input, const std::string& output) {
  const std::string& name = output.empty() ? last_blob_ : output;
  std::map<std::string, Tensor> blobs;
  blobs[input_blob_] = input;
  for (size_t i = 0; i < steps_.size(); ++i) {
    const Step& s = steps_[i];
    const NcnnLayer& l = *s.layer;
    if (l.type == "Input") continue;
    std::vector<Tensor> in;
    for (const std::string& b : l.bottoms) {
      auto it = blobs.find(b);
      if (it == blobs.end())
        return Error{source_ + ": layer " + l.name + " reads blob '" + b + "', which nothing made"};
      in.push_back(it->second);
    }
    auto out = run(s, in);
    if (!out) return out.error();
    for (size_t k = 0; k < s.tops.size() && k < out->size(); ++k) blobs[s.tops[k]] = (*out)[k];
    for (const std::string& b : l.bottoms)  // memory follows the live blobs, not the graph
      if (last_reader_[b] == i && b != name) blobs.erase(b);
  }
  auto it = blobs.find(name);
  if (auto f = fused_blobs_.find(name); it == blobs.end() && f != fused_blobs_.end())
    return Error{source_ + ": blob '" + name + "' is not kept: layer " + f->second +
                 " runs the activation after it in the same step"};
  if (it == blobs.end()) return Error{source_ + ": no blob named '" + name + "'"};
  if (auto st = be_.status(); !st) return st.error();
  return it->second;
}

Result<std::vector<Tensor>> NcnnNet::run(const Step& s, const std::vector<Tensor>& in) {
  const NcnnLayer& l = *s.layer;
  const std::string& t = l.type;
  auto fail = [&](const std::string& what) {
    return Error{source_ + ": layer " + l.name + " (" + t + "): " + what};
  };
  if (in.empty()) return fail("no input");
  const Tensor& x = in[0];
  const Shape& xs = x.shape();
  auto one = [](Tensor y) { return std::vector<Tensor>{std::move(y)}; };

  if (t == "Split") return std::vector<Tensor>(l.tops.size(), x);

  if (t == "Convolution" || t == "ConvolutionDepthWise") {
    if (xs.c != s.weight.shape().c * s.groups)
      return fail("input has " + std::to_string(xs.c) + " channels, the weights expect " +
                  std::to_string(s.weight.shape().c * s.groups));
    int pl = s.pad_l, pr = s.pad_r, pt = s.pad_t, pb = s.pad_b;
    const bool any_positive = pl > 0 || pr > 0 || pt > 0 || pb > 0;
    if (!any_positive && (pl == kAuto || pl == kSameLower) && pr == pl && pt == pl && pb == pl) {
      const int wpad = s.kw + (xs.w - 1) / s.stride * s.stride - xs.w;
      const int hpad = s.kh + (xs.h - 1) / s.stride * s.stride - xs.h;
      const bool upper = pl == kAuto;
      pl = std::max(0, upper ? wpad / 2 : wpad - wpad / 2), pr = std::max(0, wpad) - pl;
      pt = std::max(0, upper ? hpad / 2 : hpad - hpad / 2), pb = std::max(0, hpad) - pt;
    } else if (!any_positive) {
      pl = pr = pt = pb = 0;
    }
    Tensor src = x;
    Conv2dParams p;
    p.stride = s.stride;
    p.groups = s.groups;
    if (pl == pr && pl == pt && pl == pb && s.pad_value == 0.0f) {
      p.pad = pl;
    } else {
      src = be_.pad2d(x, {std::max(pt, 0), std::max(pb, 0), std::max(pl, 0), std::max(pr, 0),
                          PadMode::constant, s.pad_value});
      p.pad = 0;
    }
    if (src.shape().h < s.kh || src.shape().w < s.kw) return fail("input smaller than the kernel");
    p.act = fused_activation(s);
    Tensor y = be_.conv2d(src, s.weight, s.bias, p);
    if (s.act == 3) y = be_.clamp(y, s.act_params[0], s.act_params[1]);  // clip: not fusable
    return one(y);
  }

  if (t == "Deconvolution") {
    if (xs.c != s.weight.shape().c)
      return fail("input has " + std::to_string(xs.c) + " channels, the weights expect " +
                  std::to_string(s.weight.shape().c));
    ConvTranspose2dParams p;
    p.stride = s.stride;
    p.output_pad = s.output_pad;
    p.act = fused_activation(s);
    Tensor full = be_.conv_transpose2d(x, s.weight, s.bias, p);
    const int fh = (xs.h - 1) * s.stride + s.kh + s.output_pad;
    const int fw = (xs.w - 1) * s.stride + s.kw + s.output_pad;
    int ct = 0, cb = 0, cl = 0, cr = 0;
    if (s.pad_l > 0 || s.pad_r > 0 || s.pad_t > 0 || s.pad_b > 0) {
      ct = s.pad_t, cb = s.pad_b, cl = s.pad_l, cr = s.pad_r;
    } else if (s.output_w > 0 && s.output_h > 0) {
      const int wcut = fw - s.output_w, hcut = fh - s.output_h;
      const bool lower = s.pad_l == kSameLower || s.pad_r == kSameLower || s.pad_t == kSameLower ||
                         s.pad_b == kSameLower;
      ct = lower ? hcut - hcut / 2 : hcut / 2, cb = hcut - ct;
      cl = lower ? wcut - wcut / 2 : wcut / 2, cr = wcut - cl;
    }
    if (ct < 0 || cb < 0 || cl < 0 || cr < 0 || ct + cb >= fh || cl + cr >= fw)
      return fail("the output cut does not fit");
    Tensor y =
        (ct || cb || cl || cr) ? be_.crop2d(full, {ct, cl, fh - ct - cb, fw - cl - cr}) : full;
    if (s.act == 3) y = be_.clamp(y, s.act_params[0], s.act_params[1]);  // clip: not fusable
    return one(y);
  }

  if (is_activation_layer(l)) {
    if (!s.slopes.empty() && s.slopes.shape().c != xs.c)
      return fail("slope count does not match the channels");
    ScaleShiftParams p;
    p.act = layer_activation(l, s.slopes);
    return one(be_.scale_shift(x, p));
  }

  if (t == "BinaryOp") {
    const int op = l.int_param(0, 0);
    Tensor a = x, b = s.scalar;
    if (b.empty()) {
      if (in.size() < 2) return fail("needs two inputs or a scalar");
      b = in[1];
    }
    const Shape& as = a.shape();
    const Shape& bs = b.shape();
    auto fits = [](int p, int q) { return p == q || p == 1 || q == 1; };
    if (!fits(as.c, bs.c) || !fits(as.h, bs.h) || !fits(as.w, bs.w))
      return fail("shapes " + as.str() + " and " + bs.str() + " do not broadcast");
    static const BinaryKind kKinds[] = {
        BinaryKind::add, BinaryKind::sub, BinaryKind::mul, BinaryKind::div, BinaryKind::max,
        BinaryKind::min, BinaryKind::pow, BinaryKind::sub, BinaryKind::div, BinaryKind::pow};
    if (op >= 7) std::swap(a, b);  // rsub, rdiv, rpow
    return one(be_.binary(a, b, kKinds[op]));
  }

  if (t == "Eltwise") {
    const int op = l.int_param(0, 0);
    const std::vector<float> coeffs = float_array(l, 1);
    for (const Tensor& v : in)
      if (v.shape() != xs) return fail("inputs of different shapes");
    auto term = [&](size_t i) {
      if (op != 1 || coeffs.empty() || coeffs[i] == 1.0f) return in[i];
      ScaleShiftParams p;
      p.scale = coeffs[i];
      return be_.scale_shift(in[i], p);
    };
    if (op == 1 && !coeffs.empty() && coeffs.size() < in.size())
      return fail("too few coefficients");
    Tensor acc = term(0);
    for (size_t i = 1; i < in.size(); ++i)
      acc = be_.binary(acc, term(i),
                       op == 0   ? BinaryKind::mul
                       : op == 1 ? BinaryKind::add
                                 : BinaryKind::max);
    return one(acc);
  }

  if (t == "Concat") {
    for (const Tensor& v : in)
      if (v.shape().h != xs.h || v.shape().w != xs.w) return fail("inputs of different sizes");
    return one(be_.concat_channels(in));
  }

  if (t == "Interp") {
    const int type = l.int_param(0, 0);
    const float hscale = float(l.float_param(1, 1.0)), wscale = float(l.float_param(2, 1.0));
    int oh = l.int_param(3, 0), ow = l.int_param(4, 0);
    const bool sized = oh > 0 && ow > 0;
    if (!sized) oh = int(float(xs.h) * hscale), ow = int(float(xs.w) * wscale);
    if (oh <= 0 || ow <= 0) return fail("empty output");
    if (oh == xs.h && ow == xs.w) return one(x);
    ResizeParams p;
    p.out_h = oh, p.out_w = ow;
    if (type == 1) {  // nearest: src = floor(dst · scale)
      p.inv_scale_h = sized ? float(xs.h) / float(oh) : 1.0f / hscale;
      p.inv_scale_w = sized ? float(xs.w) / float(ow) : 1.0f / wscale;
      return one(be_.resize_nearest(x, p));
    }
    // bilinear: half-pixel centres, the scale taken from the sizes
    p.inv_scale_h = float(double(xs.h) / oh), p.inv_scale_w = float(double(xs.w) / ow);
    return one(be_.resize_bilinear(x, p));
  }

  if (t == "PixelShuffle") {
    const int r = l.int_param(0, 1);
    if (r < 1 || xs.c % (r * r)) return fail("channels not divisible by the factor squared");
    return one(be_.pixel_shuffle(x, r));
  }

  if (t == "Padding") {
    Pad2dParams p{l.int_param(0, 0), l.int_param(1, 0),          l.int_param(2, 0),
                  l.int_param(3, 0), PadMode(l.int_param(4, 0)), float(l.float_param(5, 0.0))};
    if (p.mode == PadMode::reflect &&
        (p.top >= xs.h || p.bottom >= xs.h || p.left >= xs.w || p.right >= xs.w))
      return fail("reflect padding larger than the input");
    return one(be_.pad2d(x, p));
  }

  if (t == "Crop") {
    int c0 = 0, h0 = 0, w0 = 0, oc = xs.c, oh = xs.h, ow = xs.w;
    const std::vector<int> starts = int_array(l, 9), ends = int_array(l, 10);
    if (!starts.empty() && !ends.empty()) {
      std::vector<int> axes = int_array(l, 11);
      if (axes.empty())
        for (int a = 0; a < int(starts.size()); ++a) axes.push_back(a);
      if (axes.size() != starts.size() || ends.size() != starts.size()) return fail("bad slice");
      for (size_t k = 0; k < axes.size(); ++k) {
        const int axis = axes[k] < 0 ? axes[k] + 3 : axes[k];
        const int size = axis == 0 ? xs.c : axis == 1 ? xs.h : axis == 2 ? xs.w : -1;
        if (size < 0) return fail("bad slice axis");
        const int start = starts[k] == kAuto ? 0 : starts[k];
        const int end = ends[k] == kAuto ? size : ends[k];
        const int off = start >= 0 ? start : size + start;
        const int len = std::min(size, end > 0 ? end : size + end) - off;
        (axis == 0 ? c0 : axis == 1 ? h0 : w0) = off;
        (axis == 0 ? oc : axis == 1 ? oh : ow) = len;
      }
    } else {
      w0 = l.int_param(0, 0), h0 = l.int_param(1, 0), c0 = l.int_param(2, 0);
      const int outw = l.int_param(3, 0), outh = l.int_param(4, 0), outc = l.int_param(5, 0);
      ow = xs.w - w0 - l.int_param(6, 0);
      oh = xs.h - h0 - l.int_param(7, 0);
      oc = xs.c - c0 - l.int_param(8, 0);
      if (outw != kAuto) ow = std::min(outw, ow);
      if (outh != kAuto) oh = std::min(outh, oh);
      if (outc != kAuto) oc = std::min(outc, oc);
    }
    if (c0 < 0 || h0 < 0 || w0 < 0 || oc <= 0 || oh <= 0 || ow <= 0 || c0 + oc > xs.c ||
        h0 + oh > xs.h || w0 + ow > xs.w)
      return fail("the crop window lies outside the input " + xs.str());
    Tensor y = oc == xs.c ? x : be_.slice_channels(x, c0, oc);
    if (oh != xs.h || ow != xs.w) y = be_.crop2d(y, {h0, w0, oh, ow});
    return one(y);
  }

  if (t == "Reshape") {
    int w = l.int_param(0, kAuto), h = l.int_param(1, kAuto), c = l.int_param(2, kAuto);
    if (w == 0) w = xs.w;
    if (h == 0) h = xs.h;
    if (c == 0) c = xs.c;
    const int64_t total = xs.numel();
    const int known = (w > 0 ? w : 1) * (h > 0 ? h : 1) * (c > 0 ? c : 1);
    if (w == -1) w = int(total / known);
    if (h == -1) h = int(total / known);
    if (c == -1) c = int(total / known);
    if (w <= 0 || h <= 0 || c <= 0 || int64_t(w) * h * c != total)
      return fail("cannot reshape " + xs.str() + " to " + std::to_string(c) + "×" +
                  std::to_string(h) + "×" + std::to_string(w));
    return one(be_.reshape(x, {1, c, h, w}));
  }

  return fail("not supported");
}

}  // namespace fr
