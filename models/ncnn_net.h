// Runs an ncnn graph (models/ncnn_model.h) on any Backend: Input, Split, Convolution,
// ConvolutionDepthWise, ReLU, PReLU, Sigmoid, BinaryOp, Eltwise, Concat, Interp (nearest,
// bilinear), PixelShuffle, Deconvolution, Crop, Reshape and Padding, with ncnn's semantics for
// batch-1 three-dimensional blobs. Weights are uploaded once, at load; a layer configuration
// FaceRestore cannot run is an error that names the layer. A ReLU, PReLU or Sigmoid layer that
// is the only reader of a convolution's output runs as that convolution's epilogue (as the
// native networks do), so the blob between the two is not kept.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/backend.h"
#include "models/ncnn_model.h"

namespace fr {

class NcnnNet {
 public:
  static Result<std::unique_ptr<NcnnNet>> load(const NcnnModel& model, Backend& backend);

  // Runs the graph with `input` (1,C,H,W) as the Input layer's blob and returns the blob named
  // `output`, by default the last layer's first output.
  Result<Tensor> forward(const Tensor& input, const std::string& output = {});

  struct Step;  // one prepared layer (ncnn_net.cpp)
  ~NcnnNet();

 private:
  NcnnNet(Backend& backend, std::string source);
  Result<std::vector<Tensor>> run(const Step& s, const std::vector<Tensor>& in);
  // Merges each convolution step with the activation layer that alone reads its output.
  void fuse_activations();

  Backend& be_;
  std::string source_;
  std::vector<Step> steps_;
  std::string input_blob_, last_blob_;
  std::map<std::string, size_t> last_reader_;       // blob → index of the last step reading it
  std::map<std::string, std::string> fused_blobs_;  // blob not kept → the layer fused over it
};

}  // namespace fr
