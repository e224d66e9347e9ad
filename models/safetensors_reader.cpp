#include "models/safetensors_reader.h"

#include <cstring>

#include <nlohmann/json.hpp>

#include "core/half.h"

namespace fr {
namespace {

constexpr uint64_t kMaxHeader = 100u << 20;

uint64_t header_length(ByteSource& src) {
  uint8_t b[8];
  if (src.size() < 10 || !src.read(0, 8, b)) return 0;
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = (n << 8) | b[i];
  return n;
}

}  // namespace

bool looks_like_safetensors(ByteSource& src) {
  const uint64_t n = header_length(src);
  if (n < 2 || n > kMaxHeader || n > src.size() - 8) return false;
  uint8_t first;
  return src.read(8, 1, &first) && first == '{';
}

Result<std::map<std::string, Weight>> read_safetensors(ByteSource& src) {
  const Error bad{src.name() + ": not a valid safetensors file"};
  const uint64_t n = header_length(src);
  if (n < 2 || n > kMaxHeader || n > src.size() - 8) return bad;
  auto text = src.read_vector(8, n);
  if (!text) return text.error();
  nlohmann::json header = nlohmann::json::parse(text->begin(), text->end(), nullptr, false);
  if (header.is_discarded() || !header.is_object()) return Error{bad.message + " (bad header)"};
  const uint64_t data_start = 8 + n, data_size = src.size() - data_start;

  std::map<std::string, Weight> out;
  for (const auto& [name, info] : header.items()) {
    if (name == "__metadata__") continue;
    const Error bad_entry{bad.message + " (entry '" + name + "')"};
    if (!info.is_object() || !info.contains("dtype") || !info.contains("shape") ||
        !info.contains("data_offsets") || !info["dtype"].is_string() || !info["shape"].is_array() ||
        !info["data_offsets"].is_array() || info["data_offsets"].size() != 2)
      return bad_entry;
    const std::string dtype = info["dtype"];
    size_t elem = 0;
    if (dtype == "F32")
      elem = 4;
    else if (dtype == "F16" || dtype == "BF16")
      elem = 2;
    else
      return Error{src.name() + ": tensor '" + name + "' has unsupported type " + dtype};
    Weight w;
    uint64_t numel = 1;
    for (const auto& d : info["shape"]) {
      if (!d.is_number_unsigned() || d.get<uint64_t>() > (uint64_t(1) << 34)) return bad_entry;
      w.shape.push_back(int64_t(d.get<uint64_t>()));
      numel *= d.get<uint64_t>();
      if (numel > (uint64_t(1) << 34)) return bad_entry;
    }
    const auto& off = info["data_offsets"];
    if (!off[0].is_number_unsigned() || !off[1].is_number_unsigned()) return bad_entry;
    const uint64_t begin = off[0], end = off[1];
    if (begin > end || end > data_size || end - begin != numel * elem) return bad_entry;
    auto raw = src.read_vector(data_start + begin, end - begin);
    if (!raw) return raw.error();
    w.values.resize(numel);
    for (uint64_t i = 0; i < numel; ++i) {
      const uint8_t* p = raw->data() + i * elem;
      if (dtype == "F32") {
        std::memcpy(&w.values[i], p, 4);
      } else if (dtype == "F16") {
        w.values[i] = half_to_float(uint16_t(p[0] | (p[1] << 8)));
      } else {
        const uint32_t bits = uint32_t(p[0] | (p[1] << 8)) << 16;
        std::memcpy(&w.values[i], &bits, 4);
      }
    }
    out[name] = std::move(w);
  }
  return out;
}

}  // namespace fr
