#include "models/ncnn_model.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/half.h"
#include "core/path_text.h"

namespace fr {
namespace {

constexpr int kMaxLayers = 100000;
constexpr uint64_t kMaxBlob = uint64_t(1) << 32;  // values

Error param_error(const std::string& source, int line, const std::string& what) {
  return Error{source + ": line " + std::to_string(line) + ": " + what};
}

// "1", "-2", "4.000000e+00"
bool parse_number(const std::string& s, double& v, bool& is_float) {
  if (s.empty()) return false;
  is_float = s.find_first_of(".eE") != std::string::npos;
  char* end = nullptr;
  v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size() && std::isfinite(v);
}

// Reads a blob that carries a type tag (ncnn ModelBin type 0).
Status read_tagged(ByteSource& bin, uint64_t& pos, uint64_t count, std::vector<float>& out,
                   const std::string& layer) {
  uint8_t tag_bytes[4];
  if (auto st = bin.read(pos, 4, tag_bytes); !st) return bin.truncated("weights of " + layer);
  uint32_t tag;
  std::memcpy(&tag, tag_bytes, 4);
  pos += 4;
  out.resize(count);
  if (tag == 0x01306B47) {  // fp16, padded to 4 bytes
    auto raw = bin.read_vector(pos, count * 2);
    if (!raw) return bin.truncated("weights of " + layer);
    for (uint64_t i = 0; i < count; ++i)
      out[i] = half_to_float(uint16_t((*raw)[2 * i] | ((*raw)[2 * i + 1] << 8)));
    pos += (count * 2 + 3) / 4 * 4;
    return {};
  }
  if (tag == 0 || tag == 0x0002C056) {  // fp32
    if (auto st = bin.read(pos, count * 4, out.data()); !st)
      return bin.truncated("weights of " + layer);
    pos += count * 4;
    return {};
  }
  return Error{bin.name() + ": layer " + layer +
               " stores its weights quantized (int8 or a lookup table), which FaceRestore does "
               "not support; use an fp16 or fp32 model"};
}

Status read_raw(ByteSource& bin, uint64_t& pos, uint64_t count, std::vector<float>& out,
                const std::string& layer) {
  out.resize(count);
  if (auto st = bin.read(pos, count * 4, out.data()); !st)
    return bin.truncated("weights of " + layer);
  pos += count * 4;
  return {};
}

}  // namespace

int saturated_int(double v) {
  if (std::isnan(v)) return 0;
  return int(std::clamp(v, double(std::numeric_limits<int>::min()),
                        double(std::numeric_limits<int>::max())));
}

int NcnnLayer::int_param(int id, int fallback) const {
  auto it = params.find(id);
  return it == params.end() || it->second.values.empty() ? fallback
                                                         : saturated_int(it->second.values[0]);
}

double NcnnLayer::float_param(int id, double fallback) const {
  auto it = params.find(id);
  return it == params.end() || it->second.values.empty() ? fallback : it->second.values[0];
}

bool ncnn_layer_supported(const std::string& type) {
  static const std::set<std::string> kTypes = {
      "Input",         "Split",  "Convolution", "ConvolutionDepthWise",
      "ReLU",          "PReLU",  "Sigmoid",     "BinaryOp",
      "Eltwise",       "Concat", "Interp",      "PixelShuffle",
      "Deconvolution", "Crop",   "Reshape",     "Padding"};
  return kTypes.count(type) > 0;
}

Result<NcnnModel> parse_ncnn(const std::string& param_text, ByteSource& bin,
                             const std::string& source) {
  NcnnModel model;
  model.source = source;
  std::istringstream in(param_text);
  std::string line;
  int line_no = 0;
  if (!std::getline(in, line)) return Error{source + ": empty .param file"};
  ++line_no;
  if (line.find("7767517") != 0)
    return Error{source + ": not an ncnn .param file (the first line is not 7767517)"};
  int layer_count = 0, blob_count = 0;
  if (!std::getline(in, line)) return param_error(source, 2, "missing layer and blob counts");
  ++line_no;
  {
    std::istringstream counts(line);
    if (!(counts >> layer_count >> blob_count) || layer_count < 1 || layer_count > kMaxLayers ||
        blob_count < 1)
      return param_error(source, line_no, "bad layer and blob counts");
  }

  uint64_t pos = 0;
  for (int l = 0; l < layer_count; ++l) {
    if (!std::getline(in, line))
      return Error{source + ": ends after " + std::to_string(l) + " of " +
                   std::to_string(layer_count) + " layers"};
    ++line_no;
    std::istringstream ls(line);
    NcnnLayer layer;
    int nb = -1, nt = -1;
    if (!(ls >> layer.type >> layer.name >> nb >> nt) || nb < 0 || nt < 0 || nb > 1024 || nt > 1024)
      return param_error(source, line_no, "bad layer header");
    if (!ncnn_layer_supported(layer.type))
      return param_error(source, line_no,
                         "layer type '" + layer.type + "' (" + layer.name + ") is not supported");
    for (int i = 0; i < nb + nt; ++i) {
      std::string blob;
      if (!(ls >> blob)) return param_error(source, line_no, "missing blob names");
      (i < nb ? layer.bottoms : layer.tops).push_back(blob);
    }
    std::string kv;
    while (ls >> kv) {
      const auto eq = kv.find('=');
      if (eq == std::string::npos)
        return param_error(source, line_no, "bad parameter '" + kv + "'");
      int id = 0;
      try {
        id = std::stoi(kv.substr(0, eq));
      } catch (...) {
        return param_error(source, line_no, "bad parameter id in '" + kv + "'");
      }
      NcnnParam p;
      std::string value = kv.substr(eq + 1);
      if (id <= -23300) {
        id = -id - 23300;
        p.is_array = true;
        std::istringstream vs(value);
        std::string item;
        bool first = true;
        int n = 0;
        while (std::getline(vs, item, ',')) {
          double v;
          bool f;
          if (!parse_number(item, v, f))
            return param_error(source, line_no, "bad array '" + kv + "'");
          if (first)
            n = saturated_int(v), first = false;
          else
            p.values.push_back(v), p.is_float |= f;
        }
        if (n != int(p.values.size()))
          return param_error(source, line_no, "array length in '" + kv + "'");
      } else {
        double v;
        if (!parse_number(value, v, p.is_float))
          return param_error(source, line_no, "bad value in '" + kv + "'");
        p.values.push_back(v);
      }
      layer.params[id] = std::move(p);
    }

    const std::string& t = layer.type;
    if (t == "Convolution" || t == "ConvolutionDepthWise" || t == "Deconvolution") {
      const int64_t size = layer.int_param(6, 0);
      const int out = layer.int_param(0, 0);
      if (size <= 0 || uint64_t(size) > kMaxBlob || out <= 0 || size % out != 0)
        return param_error(source, line_no, "bad weight size for " + layer.name);
      if (layer.int_param(8, 0) != 0)
        return param_error(source, line_no, layer.name + " is an int8 layer; not supported");
      layer.blobs.emplace_back();
      if (auto st = read_tagged(bin, pos, uint64_t(size), layer.blobs.back(), layer.name); !st)
        return st.error();
      if (layer.int_param(5, 0)) {
        layer.blobs.emplace_back();
        if (auto st = read_raw(bin, pos, uint64_t(out), layer.blobs.back(), layer.name); !st)
          return st.error();
      }
    } else if (t == "Padding" && layer.int_param(6, 0) > 0) {  // per-channel values
      const int n = layer.int_param(6, 0);
      if (n > (1 << 20)) return param_error(source, line_no, "bad padding value count");
      layer.blobs.emplace_back();
      if (auto st = read_raw(bin, pos, uint64_t(n), layer.blobs.back(), layer.name); !st)
        return st.error();
    } else if (t == "PReLU") {
      const int n = layer.int_param(0, 0);
      if (n < 0 || n > (1 << 20)) return param_error(source, line_no, "bad slope count");
      layer.blobs.emplace_back();
      if (auto st = read_raw(bin, pos, uint64_t(std::max(n, 1)), layer.blobs.back(), layer.name);
          !st)
        return st.error();
    }
    model.layers.push_back(std::move(layer));
  }
  if (pos != bin.size())
    return Error{
        bin.name() + ": " + std::to_string(bin.size() - pos) +
        " bytes are left over after the last layer; the .bin does not belong to this .param"};
  return model;
}

Result<NcnnModel> read_ncnn(const std::filesystem::path& param, const std::filesystem::path& bin) {
  std::ifstream in(param);
  const std::string name = path_text(param.filename());
  if (!in) return Error{name + ": cannot be opened (missing or not readable)"};
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > (64u << 20)) return Error{name + ": too large for an ncnn .param file"};
  auto src = FileSource::open(bin);
  if (!src) return src.error();
  return parse_ncnn(text, **src, name);
}

}  // namespace fr
