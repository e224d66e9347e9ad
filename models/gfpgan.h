// GFPGAN v1.3 / v1.4, the "clean" architecture: a U-Net encoder
// whose last feature map becomes 16 style vectors, and a StyleGAN2 decoder steered by the
// encoder's features through spatial feature transforms on half of its channels. Narrow and
// style width come from the checkpoint (GfpganConfig).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/backend.h"
#include "models/face_network.h"
#include "models/network_registry.h"
#include "models/weight_store.h"

namespace fr {

class Gfpgan;

struct GfpganConfig {
  using Network = Gfpgan;

  int out_size = 512;     // S = 2^L, the face's side in pixels
  double narrow = 1.0;    // channel narrowing (1 for the published weights)
  int style_width = 512;  // F
};

class Gfpgan final : public FaceNetwork {
 public:
  using Config = GfpganConfig;

  // The config when `weights` are GFPGANv1Clean's (conv_body_first and the StyleGAN decoder's
  // constant input): L from the encoder's blocks, narrow from conv_body_first, F from
  // final_linear (network_registry.h, Detection).
  static Detection<GfpganConfig> detect_config(const WeightStore& weights);
  // Every weight name and shape of the architecture: the plan load() reads them with.
  static WeightShapes expected_weights(const GfpganConfig& config);
  // "out 512, narrow 0.125, style width 256".
  static std::string parameters(const GfpganConfig& config);

  // Checks every weight against the architecture, then uploads the weights used at inference
  // to `backend` (the style MLP is not). The backend must outlive the network.
  static Result<std::unique_ptr<Gfpgan>> load(const WeightStore& weights, Backend& backend);
  ~Gfpgan() override;

  const GfpganConfig& config() const;
  int face_size() const override { return config().out_size; }
  std::string describe() const override;
  // forward() with `options`' noise.
  Result<Tensor> restore_face(const Tensor& x, const FaceNetworkOptions& options) override {
    return forward(x, options);
  }

  // x: (1,3,S,S), an aligned face as RGB in [−1,1]. Returns the decoder's image (1,3,S,S), RGB
  // in about [−1,1], not clamped. With `encoder_rgb`, also the encoder's auxiliary toRGB
  // images, resolutions 8, 16, …, S in that order. Modulated weights are computed once per
  // call, in float32, on the backend. Runs on the calling thread (the backend's).
  Result<Tensor> forward(const Tensor& x, const FaceNetworkOptions& options = {},
                         std::vector<Tensor>* encoder_rgb = nullptr);

  struct Layers;  // gfpgan.cpp

 private:
  Gfpgan(Backend& backend, std::unique_ptr<Layers> layers);
  std::unique_ptr<Layers> l_;
};

}  // namespace fr
