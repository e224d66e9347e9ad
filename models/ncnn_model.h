// ncnn models (.param text + .bin weights), as realesrgan-ncnn-vulkan and Upscayl ship them.
// .param: magic 7767517, "layer_count blob_count", then one line per layer:
// type name bottom_count top_count bottoms… tops… id=value… (arrays: -233xx=n,v1,…).
// .bin: each weighted layer's blobs in layer order; convolution weights start with a 4-byte
// tag (0x01306B47: fp16 follows; 0: fp32), biases and PReLU slopes are raw fp32.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "models/byte_source.h"

namespace fr {

struct NcnnParam {
  bool is_array = false;
  bool is_float = false;
  std::vector<double> values;  // one value unless is_array
};

// A parameter value as an int: saturated to int's range, NaN as 0 (a file may hold anything).
int saturated_int(double v);

struct NcnnLayer {
  std::string type, name;
  std::vector<std::string> bottoms, tops;
  std::map<int, NcnnParam> params;
  // Weights in the order the layer stores them (e.g. convolution weight, then bias).
  std::vector<std::vector<float>> blobs;

  // The parameter's first value as an integer, saturated to int's range (NaN reads as 0).
  int int_param(int id, int fallback) const;
  double float_param(int id, double fallback) const;
};

struct NcnnModel {
  std::vector<NcnnLayer> layers;
  std::string source;  // the .param file name, for messages
};

// The layer types FaceRestore runs; any other type is an error naming it.
bool ncnn_layer_supported(const std::string& type);

Result<NcnnModel> parse_ncnn(const std::string& param_text, ByteSource& bin,
                             const std::string& source);
Result<NcnnModel> read_ncnn(const std::filesystem::path& param, const std::filesystem::path& bin);

}  // namespace fr
