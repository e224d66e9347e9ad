#include "models/architecture.h"

#include <cmath>
#include <cstdio>

namespace fr {
namespace {

using Shapes = std::map<std::string, std::vector<int64_t>>;

void conv(Shapes& s, const std::string& name, int64_t out, int64_t in, int64_t k, bool bias) {
  s[name + ".weight"] = {out, in, k, k};
  if (bias) s[name + ".bias"] = {out};
}

void batch_norm(Shapes& s, const std::string& name, int64_t c) {
  for (const char* p : {".weight", ".bias", ".running_mean", ".running_var"}) s[name + p] = {c};
  s[name + ".num_batches_tracked"] = {};
}

int count_indexed(const WeightStore& w, const std::string& before, const std::string& after) {
  int n = 0;
  while (w.find(before + std::to_string(n) + after)) ++n;
  return n;
}

// How many weight names start with `prefix` and end with `suffix`.
int count_matching(const WeightStore& w, const std::string& prefix, const std::string& suffix) {
  int n = 0;
  for (const auto& [name, weight] : w.all())
    if (name.size() >= prefix.size() + suffix.size() && name.rfind(prefix, 0) == 0 &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      ++n;
  return n;
}

int64_t rows(const Weight& w) {
  return w.shape.empty() ? 0 : w.shape[0];
}
int64_t cols(const Weight& w) {
  return w.shape.size() < 2 ? 0 : w.shape[1];
}

// GFPGAN decoder channels D[r] (networks.md), truncated like the reference's int().
int64_t gfpgan_d(int r, double narrow) {
  const double base = r <= 64 ? 512 : r == 128 ? 256 : r == 256 ? 128 : 64;
  return int64_t(base * narrow + 1e-6);
}
int64_t gfpgan_e(int r, double narrow) {
  return gfpgan_d(r, narrow) / 2;
}

Shapes gfpgan_shapes(const GfpganConfig& c) {
  Shapes s;
  const double n = c.narrow;
  const int64_t F = c.style_width;
  const int L = int(std::lround(std::log2(c.out_size)));
  auto E = [n](int r) { return gfpgan_e(r, n); };
  auto D = [n](int r) { return gfpgan_d(r, n); };
  conv(s, "conv_body_first", E(c.out_size), 3, 1, true);
  for (int i = 0, r = c.out_size; i < L - 2; ++i, r /= 2) {
    const std::string p = "conv_body_down." + std::to_string(i);
    conv(s, p + ".conv1", E(r), E(r), 3, true);
    conv(s, p + ".conv2", E(r / 2), E(r), 3, true);
    conv(s, p + ".skip", E(r / 2), E(r), 1, false);
  }
  conv(s, "final_conv", E(4), E(4), 3, true);
  s["final_linear.weight"] = {F * (2 * L - 2), E(4) * 16};
  s["final_linear.bias"] = {F * (2 * L - 2)};
  for (int i = 0, r = 4; i < L - 2; ++i, r *= 2) {
    const std::string k = "." + std::to_string(i);
    conv(s, "conv_body_up" + k + ".conv1", E(r), E(r), 3, true);
    conv(s, "conv_body_up" + k + ".conv2", E(2 * r), E(r), 3, true);
    conv(s, "conv_body_up" + k + ".skip", E(2 * r), E(r), 1, false);
    for (const char* cond : {"condition_scale", "condition_shift"}) {
      conv(s, cond + k + ".0", E(2 * r), E(2 * r), 3, true);
      conv(s, cond + k + ".2", E(2 * r), E(2 * r), 3, true);
    }
    conv(s, "toRGB" + k, 3, E(2 * r), 1, true);
  }
  const std::string d = "stylegan_decoder.";
  for (int i = 1; i <= 15; i += 2) {
    s[d + "style_mlp." + std::to_string(i) + ".weight"] = {F, F};
    s[d + "style_mlp." + std::to_string(i) + ".bias"] = {F};
  }
  s[d + "constant_input.weight"] = {1, D(4), 4, 4};
  auto modulated = [&](const std::string& p, int64_t out, int64_t in, int64_t k) {
    s[p + ".modulated_conv.weight"] = {1, out, in, k, k};
    s[p + ".modulated_conv.modulation.weight"] = {in, F};
    s[p + ".modulated_conv.modulation.bias"] = {in};
  };
  auto style_conv = [&](const std::string& p, int64_t out, int64_t in) {
    modulated(p, out, in, 3);
    s[p + ".weight"] = {1};
    s[p + ".bias"] = {1, out, 1, 1};
  };
  auto to_rgb = [&](const std::string& p, int64_t in) {
    modulated(p, 3, in, 1);
    s[p + ".bias"] = {1, 3, 1, 1};
  };
  style_conv(d + "style_conv1", D(4), D(4));
  to_rgb(d + "to_rgb1", D(4));
  s[d + "noises.noise0"] = {1, 1, 4, 4};
  for (int b = 0, r = 8; b < L - 2; ++b, r *= 2) {
    style_conv(d + "style_convs." + std::to_string(2 * b), D(r), D(r / 2));
    style_conv(d + "style_convs." + std::to_string(2 * b + 1), D(r), D(r));
    to_rgb(d + "to_rgbs." + std::to_string(b), D(r));
    s[d + "noises.noise" + std::to_string(2 * b + 1)] = {1, 1, r, r};
    s[d + "noises.noise" + std::to_string(2 * b + 2)] = {1, 1, r, r};
  }
  return s;
}

Shapes rrdbnet_shapes(const RrdbnetConfig& c) {
  Shapes s;
  conv(s, "conv_first", c.nf, c.in_channels * (c.scale == 4 ? 1 : c.scale == 2 ? 4 : 16), 3, true);
  for (int j = 0; j < c.blocks; ++j)
    for (int r = 1; r <= 3; ++r) {
      const std::string p = "body." + std::to_string(j) + ".rdb" + std::to_string(r) + ".conv";
      for (int k = 1; k <= 4; ++k)
        conv(s, p + std::to_string(k), c.gc, c.nf + (k - 1) * c.gc, 3, true);
      conv(s, p + "5", c.nf, c.nf + 4 * c.gc, 3, true);
    }
  for (const char* name : {"conv_body", "conv_up1", "conv_up2", "conv_hr"})
    conv(s, name, c.nf, c.nf, 3, true);
  conv(s, "conv_last", c.out_channels, c.nf, 3, true);
  return s;
}

Shapes srvgg_shapes(const SrvggConfig& c) {
  Shapes s;
  conv(s, "body.0", c.nf, c.in_channels, 3, true);
  s["body.1.weight"] = {c.nf};
  for (int i = 0; i < c.num_conv; ++i) {
    conv(s, "body." + std::to_string(2 * i + 2), c.nf, c.nf, 3, true);
    s["body." + std::to_string(2 * i + 3) + ".weight"] = {c.nf};
  }
  conv(s, "body." + std::to_string(2 * c.num_conv + 2), c.out_channels * c.scale * c.scale, c.nf, 3,
       true);
  return s;
}

void conv_bn(Shapes& s, const std::string& p, int64_t out, int64_t in, int64_t k) {
  conv(s, p + ".0", out, in, k, false);
  batch_norm(s, p + ".1", out);
}

Shapes retinaface_shapes(const RetinafaceConfig& c) {
  Shapes s;
  int64_t in[3], C;
  if (c.backbone == RetinafaceConfig::Backbone::mobilenet025) {
    C = 64;
    conv_bn(s, "body.stage1.0", 8, 3, 3);
    struct Dw {
      const char* stage;
      int index;
      int64_t in, out;
    };
    const Dw dws[] = {{"stage1", 1, 8, 16},    {"stage1", 2, 16, 32},   {"stage1", 3, 32, 32},
                      {"stage1", 4, 32, 64},   {"stage1", 5, 64, 64},   {"stage2", 0, 64, 128},
                      {"stage2", 1, 128, 128}, {"stage2", 2, 128, 128}, {"stage2", 3, 128, 128},
                      {"stage2", 4, 128, 128}, {"stage2", 5, 128, 128}, {"stage3", 0, 128, 256},
                      {"stage3", 1, 256, 256}};
    for (const Dw& d : dws) {
      const std::string p = std::string("body.") + d.stage + "." + std::to_string(d.index);
      s[p + ".0.weight"] = {d.in, 1, 3, 3};
      batch_norm(s, p + ".1", d.in);
      s[p + ".3.weight"] = {d.out, d.in, 1, 1};
      batch_norm(s, p + ".4", d.out);
    }
    in[0] = 64, in[1] = 128, in[2] = 256;
  } else {
    C = 256;
    s["body.conv1.weight"] = {64, 3, 7, 7};
    batch_norm(s, "body.bn1", 64);
    const int blocks[4] = {3, 4, 6, 3};
    int64_t channels = 64;
    for (int l = 0; l < 4; ++l) {
      const int64_t w = 64 << l;
      for (int j = 0; j < blocks[l]; ++j) {
        const std::string p = "body.layer" + std::to_string(l + 1) + "." + std::to_string(j);
        s[p + ".conv1.weight"] = {w, channels, 1, 1};
        batch_norm(s, p + ".bn1", w);
        s[p + ".conv2.weight"] = {w, w, 3, 3};
        batch_norm(s, p + ".bn2", w);
        s[p + ".conv3.weight"] = {4 * w, w, 1, 1};
        batch_norm(s, p + ".bn3", 4 * w);
        if (j == 0) {
          s[p + ".downsample.0.weight"] = {4 * w, channels, 1, 1};
          batch_norm(s, p + ".downsample.1", 4 * w);
        }
        channels = 4 * w;
      }
    }
    in[0] = 512, in[1] = 1024, in[2] = 2048;
  }
  for (int k = 0; k < 3; ++k) conv_bn(s, "fpn.output" + std::to_string(k + 1), C, in[k], 1);
  conv_bn(s, "fpn.merge1", C, C, 3);
  conv_bn(s, "fpn.merge2", C, C, 3);
  for (int k = 1; k <= 3; ++k) {
    const std::string p = "ssh" + std::to_string(k);
    conv_bn(s, p + ".conv3X3", C / 2, C, 3);
    conv_bn(s, p + ".conv5X5_1", C / 4, C, 3);
    conv_bn(s, p + ".conv5X5_2", C / 4, C / 4, 3);
    conv_bn(s, p + ".conv7X7_2", C / 4, C / 4, 3);
    conv_bn(s, p + ".conv7x7_3", C / 4, C / 4, 3);
  }
  for (int k = 0; k < 3; ++k) {
    conv(s, "ClassHead." + std::to_string(k) + ".conv1x1", 4, C, 1, true);
    conv(s, "BboxHead." + std::to_string(k) + ".conv1x1", 8, C, 1, true);
    conv(s, "LandmarkHead." + std::to_string(k) + ".conv1x1", 20, C, 1, true);
  }
  return s;
}

std::string shape_text(const std::vector<int64_t>& v) {
  Weight w;
  w.shape = v;
  return w.shape_str();
}

std::string join_some(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < 6; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > 6) out += ", … (" + std::to_string(items.size()) + " in all)";
  return out;
}

}  // namespace

std::string describe(const ModelConfig& config) {
  char buf[160];
  if (auto* g = std::get_if<GfpganConfig>(&config))
    std::snprintf(buf, sizeof buf, "GFPGANv1Clean (out %d, narrow %g, style width %d)", g->out_size,
                  g->narrow, g->style_width);
  else if (auto* r = std::get_if<RrdbnetConfig>(&config))
    std::snprintf(buf, sizeof buf, "RRDBNet (x%d, nf %d, %d blocks, gc %d)", r->scale, r->nf,
                  r->blocks, r->gc);
  else if (auto* v = std::get_if<SrvggConfig>(&config))
    std::snprintf(buf, sizeof buf, "SRVGGNetCompact (x%d, %d convs, nf %d)", v->scale, v->num_conv,
                  v->nf);
  else
    std::snprintf(
        buf, sizeof buf, "RetinaFace (%s)",
        std::get<RetinafaceConfig>(config).backbone == RetinafaceConfig::Backbone::mobilenet025
            ? "mobilenet0.25"
            : "resnet50");
  return buf;
}

Result<ModelConfig> detect_architecture(const WeightStore& w) {
  const std::string& file = w.source();
  if (const Weight* first = w.find("conv_body_first.weight");
      first && w.find("stylegan_decoder.constant_input.weight")) {
    GfpganConfig c;
    const Weight* linear = w.find("final_linear.weight");
    const int downs = count_indexed(w, "conv_body_down.", ".conv1.weight");
    if (!linear || downs < 1 || rows(*first) % 4 != 0)
      return Error{file + ": looks like GFPGAN but final_linear or the encoder is missing"};
    const int L = downs + 2;
    c.out_size = 1 << L;
    c.narrow = double(rows(*first)) / 32.0;
    if (rows(*linear) % (2 * L - 2) != 0)
      return Error{file + ": GFPGAN final_linear has " + std::to_string(rows(*linear)) +
                   " rows, not a multiple of " + std::to_string(2 * L - 2)};
    c.style_width = int(rows(*linear) / (2 * L - 2));
    return ModelConfig{c};
  }
  if (const Weight* first = w.find("conv_first.weight");
      first && w.find("body.0.rdb1.conv1.weight")) {
    RrdbnetConfig c;
    const int64_t in = cols(*first);
    c.in_channels = 3;
    c.scale = in == 3 ? 4 : in == 12 ? 2 : in == 48 ? 1 : 0;
    if (!c.scale)
      return Error{file + ": RRDBNet conv_first takes " + std::to_string(in) +
                   " channels; expected 3, 12 or 48"};
    c.nf = int(rows(*first));
    c.blocks = count_indexed(w, "body.", ".rdb1.conv1.weight");
    c.gc = int(rows(*w.find("body.0.rdb1.conv1.weight")));
    if (const Weight* last = w.find("conv_last.weight")) c.out_channels = int(rows(*last));
    return ModelConfig{c};
  }
  if (const Weight* first = w.find("body.0.weight");
      first && w.find("body.0.bias") && w.find("body.1.weight") && first->shape.size() == 4) {
    SrvggConfig c;
    const int biases = count_matching(w, "body.", ".bias");
    c.num_conv = biases - 2;
    c.nf = int(rows(*first));
    c.in_channels = int(cols(*first));
    const Weight* last = w.find("body." + std::to_string(2 * c.num_conv + 2) + ".weight");
    if (c.num_conv < 0 || !last)
      return Error{file + ": looks like SRVGGNetCompact but the last convolution is missing"};
    const int64_t out = rows(*last);
    c.out_channels = 3;
    const int s = int(std::lround(std::sqrt(double(out) / 3.0)));
    if (s < 1 || 3 * s * s != out)
      return Error{file + ": SRVGGNetCompact ends with " + std::to_string(out) +
                   " channels, not 3·scale²"};
    c.scale = s;
    return ModelConfig{c};
  }
  if (w.find("body.stage1.0.0.weight") && w.find("ClassHead.0.conv1x1.weight"))
    return ModelConfig{RetinafaceConfig{RetinafaceConfig::Backbone::mobilenet025}};
  if (w.find("body.conv1.weight") && w.find("ClassHead.0.conv1x1.weight"))
    return ModelConfig{RetinafaceConfig{RetinafaceConfig::Backbone::resnet50}};

  std::vector<std::string> some;
  for (const auto& [name, weight] : w.all()) some.push_back(name);
  return Error{file +
               ": not a model FaceRestore knows (GFPGAN, RRDBNet, SRVGGNetCompact, "
               "RetinaFace); its weights are " +
               join_some(some)};
}

std::map<std::string, std::vector<int64_t>> expected_weights(const ModelConfig& config) {
  if (auto* g = std::get_if<GfpganConfig>(&config)) return gfpgan_shapes(*g);
  if (auto* r = std::get_if<RrdbnetConfig>(&config)) return rrdbnet_shapes(*r);
  if (auto* v = std::get_if<SrvggConfig>(&config)) return srvgg_shapes(*v);
  return retinaface_shapes(std::get<RetinafaceConfig>(config));
}

Status check_weights(const WeightStore& weights, const ModelConfig& config) {
  const Shapes expected = expected_weights(config);
  std::vector<std::string> missing, unexpected, mismatched;
  for (const auto& [name, shape] : expected) {
    const Weight* w = weights.find(name);
    if (!w)
      missing.push_back(name);
    else if (w->shape != shape)
      mismatched.push_back(name + " is " + w->shape_str() + ", expected " + shape_text(shape));
  }
  for (const auto& [name, w] : weights.all())
    if (!expected.count(name)) unexpected.push_back(name);
  if (missing.empty() && unexpected.empty() && mismatched.empty()) return {};
  std::string msg = weights.source() + ": does not match " + describe(config) + ":";
  if (!missing.empty()) msg += " missing " + join_some(missing) + ";";
  if (!unexpected.empty()) msg += " unexpected " + join_some(unexpected) + ";";
  if (!mismatched.empty()) msg += " wrong shapes: " + join_some(mismatched) + ";";
  msg.pop_back();
  return Error{msg};
}

}  // namespace fr
