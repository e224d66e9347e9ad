#include "models/retinaface.h"

#include <string>

#include "models/layers.h"

namespace fr {
namespace {

Conv2dParams with(const Activation& act, int stride = 1, int groups = 1) {
  Conv2dParams p;
  p.act = act;
  p.stride = stride;
  p.groups = groups;
  return p;
}

// torchvision's ResNet bottleneck (stride on the 3×3 conv):
// relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1(x)))))))) + downsample(x)).
struct Bottleneck {
  ConvLayer conv1, conv2, conv3, downsample;
  bool has_downsample = false;

  Tensor operator()(Backend& be, const Tensor& x) const {
    const Tensor identity = has_downsample ? downsample(be, x) : x;
    const Tensor y = conv3(be, conv2(be, conv1(be, x)), identity);
    ScaleShiftParams relu;
    relu.act = Activation::relu();
    return be.scale_shift(y, relu);
  }
};

// Single-stage headless context module: relu(cat(a, b, c)) with the ReLU applied per branch.
struct ContextModule {
  ConvLayer conv3x3, conv5x5_1, conv5x5_2, conv7x7_2, conv7x7_3;

  Tensor operator()(Backend& be, const Tensor& x) const {
    const Tensor b1 = conv5x5_1(be, x);
    return be.concat_channels(
        {conv3x3(be, x), conv5x5_2(be, b1), conv7x7_3(be, conv7x7_2(be, b1))});
  }
};

Tensor nearest_to(Backend& be, const Tensor& x, const Shape& like) {
  return be.resize_nearest(x, ResizeParams::to_size(x.shape(), like.h, like.w));
}

}  // namespace

struct Retinaface::Layers {
  RetinafaceConfig config;
  // mobilenet0.25: every conv of the three stages in order. ResNet-50: the stem, then blocks.
  std::vector<ConvLayer> mobilenet;
  size_t stage_end[3] = {};  // mobilenet convs up to the end of stage k
  ConvLayer stem;
  std::vector<std::vector<Bottleneck>> resnet_layers;
  ConvLayer fpn_out[3], merge1, merge2;
  ContextModule context[3];
  ConvLayer class_head[3], box_head[3], landmark_head[3];
};

Retinaface::Retinaface(Backend& backend, std::unique_ptr<Layers> layers)
    : be_(backend), l_(std::move(layers)) {}
Retinaface::~Retinaface() = default;

const RetinafaceConfig& Retinaface::config() const {
  return l_->config;
}

namespace {

// The mobilenet0.25 backbone: a 3×3 conv, then 13 depthwise-separable blocks (a depthwise
// 3×3 and a pointwise conv, each with BatchNorm and leaky ReLU 0.1) in three stages.
void plan_mobilenet(WeightPlan& p, Retinaface::Layers& l) {
  const Activation act = Activation::leaky(0.1f);
  l.mobilenet.push_back(
      load_conv_bn(p, "body.stage1.0.0", "body.stage1.0.1", {8, 3, 3}, with(act, /*stride=*/2)));
  struct Dw {
    int stage, index, in, out, stride;
  };
  const Dw dws[] = {{1, 1, 8, 16, 1},    {1, 2, 16, 32, 2},   {1, 3, 32, 32, 1},
                    {1, 4, 32, 64, 2},   {1, 5, 64, 64, 1},   {2, 0, 64, 128, 2},
                    {2, 1, 128, 128, 1}, {2, 2, 128, 128, 1}, {2, 3, 128, 128, 1},
                    {2, 4, 128, 128, 1}, {2, 5, 128, 128, 1}, {3, 0, 128, 256, 2},
                    {3, 1, 256, 256, 1}};
  for (const Dw& d : dws) {
    const std::string prefix =
        "body.stage" + std::to_string(d.stage) + "." + std::to_string(d.index);
    l.mobilenet.push_back(
        load_conv_bn(p, prefix + ".0", prefix + ".1", {d.in, d.in, 3}, with(act, d.stride, d.in)));
    Conv2dParams pointwise = with(act);
    pointwise.pad = 0;
    l.mobilenet.push_back(
        load_conv_bn(p, prefix + ".3", prefix + ".4", {d.out, d.in, 1}, pointwise));
    l.stage_end[d.stage - 1] = l.mobilenet.size();
  }
}

// torchvision's ResNet-50: a 7×7 stem, then bottleneck layers of 3, 4, 6 and 3 blocks.
void plan_resnet50(WeightPlan& p, Retinaface::Layers& l) {
  const Activation relu = Activation::relu();
  Conv2dParams stem = with(relu, 2);
  stem.pad = 3;
  l.stem = load_conv_bn(p, "body.conv1", "body.bn1", {64, 3, 7}, stem);
  const int blocks[4] = {3, 4, 6, 3};
  Conv2dParams pointwise;
  pointwise.pad = 0;
  int64_t channels = 64;
  for (int layer = 0; layer < 4; ++layer) {
    const int64_t w = 64 << layer;
    std::vector<Bottleneck> stage;
    for (int j = 0; j < blocks[layer]; ++j) {
      const std::string prefix = "body.layer" + std::to_string(layer + 1) + "." + std::to_string(j);
      const int stride = (layer > 0 && j == 0) ? 2 : 1;
      Bottleneck b;
      Conv2dParams first = pointwise;
      first.act = relu;
      b.conv1 = load_conv_bn(p, prefix + ".conv1", prefix + ".bn1", {w, channels, 1}, first);
      b.conv2 = load_conv_bn(p, prefix + ".conv2", prefix + ".bn2", {w, w, 3}, with(relu, stride));
      b.conv3 = load_conv_bn(p, prefix + ".conv3", prefix + ".bn3", {4 * w, w, 1}, pointwise);
      if (j == 0) {
        Conv2dParams down = pointwise;
        down.stride = stride;
        b.downsample = load_conv_bn(p, prefix + ".downsample.0", prefix + ".downsample.1",
                                    {4 * w, channels, 1}, down);
        b.has_downsample = true;
      }
      channels = 4 * w;
      stage.push_back(std::move(b));
    }
    l.resnet_layers.push_back(std::move(stage));
  }
}

// Declares every weight of RetinaFace at `c` and, when `p` loads, uploads it into `l`.
void plan_layers(WeightPlan& p, const RetinafaceConfig& c, Retinaface::Layers& l) {
  l.config = c;
  const bool mobilenet = c.backbone == RetinafaceConfig::Backbone::mobilenet025;
  if (mobilenet)
    plan_mobilenet(p, l);
  else
    plan_resnet50(p, l);
  // The backbone's channels at strides 8, 16, 32, and the neck's width.
  const int64_t in[3] = {mobilenet ? 64 : 512, mobilenet ? 128 : 1024, mobilenet ? 256 : 2048};
  const int64_t C = mobilenet ? 64 : 256;

  // Neck and heads: leaky 0.1 with the 64-wide mobilenet neck, plain ReLU with ResNet-50's.
  const Activation act = mobilenet ? Activation::leaky(0.1f) : Activation::relu();
  Conv2dParams pointwise = with(act);
  pointwise.pad = 0;
  for (int k = 0; k < 3; ++k) {
    const std::string f = "fpn.output" + std::to_string(k + 1);
    l.fpn_out[k] = load_conv_bn(p, f + ".0", f + ".1", {C, in[k], 1}, pointwise);
  }
  l.merge1 = load_conv_bn(p, "fpn.merge1.0", "fpn.merge1.1", {C, C, 3}, with(act));
  l.merge2 = load_conv_bn(p, "fpn.merge2.0", "fpn.merge2.1", {C, C, 3}, with(act));
  const Conv2dParams branch_end = with(Activation::relu());  // the ReLU after the concat
  for (int k = 0; k < 3; ++k) {
    const std::string s = "ssh" + std::to_string(k + 1) + ".";
    ContextModule& m = l.context[k];
    m.conv3x3 = load_conv_bn(p, s + "conv3X3.0", s + "conv3X3.1", {C / 2, C, 3}, branch_end);
    m.conv5x5_1 = load_conv_bn(p, s + "conv5X5_1.0", s + "conv5X5_1.1", {C / 4, C, 3}, with(act));
    m.conv5x5_2 =
        load_conv_bn(p, s + "conv5X5_2.0", s + "conv5X5_2.1", {C / 4, C / 4, 3}, branch_end);
    m.conv7x7_2 =
        load_conv_bn(p, s + "conv7X7_2.0", s + "conv7X7_2.1", {C / 4, C / 4, 3}, with(act));
    m.conv7x7_3 =
        load_conv_bn(p, s + "conv7x7_3.0", s + "conv7x7_3.1", {C / 4, C / 4, 3}, branch_end);
    Conv2dParams head;
    head.pad = 0;
    const std::string i = "." + std::to_string(k) + ".conv1x1";
    l.class_head[k] = load_conv(p, "ClassHead" + i, {4, C, 1}, head);  // 2 anchors × 2 classes
    l.box_head[k] = load_conv(p, "BboxHead" + i, {8, C, 1}, head);     // 2 anchors × 4
    l.landmark_head[k] = load_conv(p, "LandmarkHead" + i, {20, C, 1}, head);  // 2 anchors × 10
  }
}

}  // namespace

Detection<RetinafaceConfig> Retinaface::detect_config(const WeightStore& w) {
  if (!w.find("ClassHead.0.conv1x1.weight")) return std::nullopt;
  if (w.find("body.stage1.0.0.weight"))
    return RetinafaceConfig{RetinafaceConfig::Backbone::mobilenet025};
  if (w.find("body.conv1.weight")) return RetinafaceConfig{RetinafaceConfig::Backbone::resnet50};
  return std::nullopt;
}

WeightShapes Retinaface::expected_weights(const RetinafaceConfig& config) {
  return list_weights(plan_layers, config);
}

std::string Retinaface::parameters(const RetinafaceConfig& c) {
  return c.backbone == RetinafaceConfig::Backbone::mobilenet025 ? "mobilenet0.25" : "resnet50";
}

Result<std::unique_ptr<Retinaface>> Retinaface::load(const WeightStore& weights, Backend& backend) {
  auto config = checked_config<RetinafaceConfig>(weights);
  if (!config) return config.error();
  auto layers = load_layers(plan_layers, *config, weights, backend);
  if (!layers) return layers.error();
  return std::unique_ptr<Retinaface>(new Retinaface(backend, std::move(*layers)));
}

Result<std::array<DetectionLevel, 3>> Retinaface::forward(const Tensor& x) {
  Backend& be = be_;
  const Layers& l = *l_;
  FR_CHECK(x.shape().n == 1 && x.shape().c == 3,
           "RetinaFace takes (1,3,H,W), got " + x.shape().str());
  if (be.failed()) return be.status().error();

  // Backbone: three feature maps at strides 8, 16, 32.
  Tensor features[3];
  if (l.config.backbone == RetinafaceConfig::Backbone::mobilenet025) {
    Tensor y = x;
    for (size_t i = 0, stage = 0; i < l.mobilenet.size(); ++i) {
      y = l.mobilenet[i](be, y);
      if (i + 1 == l.stage_end[stage]) features[stage++] = y;
    }
  } else {
    Tensor y = be.max_pool2d(l.stem(be, x), {3, 2, 1});
    for (size_t layer = 0; layer < l.resnet_layers.size(); ++layer) {
      for (const Bottleneck& b : l.resnet_layers[layer]) y = b(be, y);
      if (layer >= 1) features[layer - 1] = y;
    }
  }

  // FPN, top-down: each level adds the nearest-upsampled coarser one, then a 3×3 merge.
  Tensor o3 = l.fpn_out[2](be, features[2]);
  Tensor o2 = l.fpn_out[1](be, features[1], nearest_to(be, o3, features[1].shape()));
  o2 = l.merge2(be, o2);
  Tensor o1 = l.fpn_out[0](be, features[0], nearest_to(be, o2, features[0].shape()));
  o1 = l.merge1(be, o1);

  std::array<DetectionLevel, 3> levels = retinaface_levels();
  const Tensor pyramid[3] = {o1, o2, o3};
  for (int k = 0; k < 3; ++k) {
    const Tensor f = l.context[k](be, pyramid[k]);
    const Tensor outputs[3] = {be.softmax_channels(l.class_head[k](be, f), 2), l.box_head[k](be, f),
                               l.landmark_head[k](be, f)};
    HostTensor* targets[3] = {&levels[size_t(k)].scores, &levels[size_t(k)].boxes,
                              &levels[size_t(k)].landmarks};
    for (int m = 0; m < 3; ++m) {
      auto host = be.download(outputs[m]);
      if (!host) return host.error();
      *targets[m] = std::move(*host);
    }
  }
  return levels;
}

Result<std::vector<FaceDetection>> Retinaface::detect(const ImageU8View& bgr,
                                                      const DetectionOptions& options) {
  ImageToTensorParams p;
  p.swap_rb = false;  // the network reads BGR
  const float mean[3] = {104.0f, 117.0f, 123.0f};
  for (int c = 0; c < 3; ++c) p.scale[c] = 1.0f, p.offset[c] = -mean[c];
  const Tensor x = be_.image_to_tensor(bgr, p);
  auto levels = forward(x);
  if (!levels) return levels.error();
  return decode_detections(*levels, bgr.h, bgr.w, options);
}

}  // namespace fr
