// The face restoration networks: an aligned face in, the restored face out, at the network's
// size. GFPGAN implements it today (CodeFormer, RestoreFormer and GPEN next); load_face_network
// picks by the weights' architecture among the network rows of role face_restorer
// (network_registry.h), so the pipeline names no face network.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/backend.h"
#include "models/weight_store.h"

namespace fr {

// How a face network runs, chosen per session; each network uses the options that apply to
// it.
struct FaceNetworkOptions {
  // The StyleGAN decoders' noise inputs (GFPGAN).
  enum class Noise {
    stored,  // the checkpoint's noise buffers: the output is reproducible (default)
    random,  // fresh standard-normal maps, a pure function of `seed`
  };
  Noise noise = Noise::stored;
  uint64_t seed = 0;
};

// A face restoration network on the backend it was loaded on (which must outlive it). Used by
// one thread at a time (the backend's).
class FaceNetwork {
 public:
  virtual ~FaceNetwork() = default;

  // The side of the aligned face it takes and gives, in pixels (512 for the published ones).
  virtual int face_size() const = 0;
  // "GFPGANv1Clean (out 512, …)" and the like, for logs and the GUI.
  virtual std::string describe() const = 0;

  // x: (1,3,S,S) an aligned face, RGB in [−1,1], S = face_size(). Returns (1,3,S,S), RGB in
  // about [−1,1], not clamped.
  virtual Result<Tensor> restore_face(const Tensor& x, const FaceNetworkOptions& options) = 0;

  // An 8-bit BGR aligned face (face_size() square) restored: restore_face() on it in [−1,1],
  // the output clamped, mapped back to 8 bits and rounded. A failure leaves the backend's
  // error state (so that the next face starts clean) and says "face restoration failed on
  // <device>"; NaN or infinite outputs are an error of kind not_finite.
  Result<ImageU8> restore(const ImageU8View& bgr, const FaceNetworkOptions& options);

  Backend& backend() const { return be_; }

 protected:
  explicit FaceNetwork(Backend& backend) : be_(backend) {}

 private:
  Backend& be_;
};

// Checks the weights against their architecture and uploads them to `backend`, which must
// outlive the network. An error says what the file holds when it is not a face network.
Result<std::unique_ptr<FaceNetwork>> load_face_network(const WeightStore& weights,
                                                       Backend& backend);

}  // namespace fr
