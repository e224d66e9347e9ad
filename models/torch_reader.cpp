#include "models/torch_reader.h"

#include <cstring>
#include <unordered_map>

#include "core/half.h"
#include "models/pickle_vm.h"
#include "models/zip_archive.h"

namespace fr {
namespace {

using pickle::DType;
using pickle::Value;

constexpr int kMaxNesting = 32;
constexpr int64_t kMaxElements = int64_t(1) << 34;

// Where a storage's bytes are in the file.
struct StorageBytes {
  uint64_t offset = 0, size = 0;
};

Error invalid(const ByteSource& src, const std::string& what) {
  return Error{src.name() + ": not a valid PyTorch checkpoint (" + what + ")"};
}

float to_float(const uint8_t* p, DType t) {
  switch (t) {
    case DType::f32: {
      float f;
      std::memcpy(&f, p, 4);
      return f;
    }
    case DType::f16:
      return half_to_float(uint16_t(p[0] | (p[1] << 8)));
    case DType::bf16: {
      const uint32_t bits = uint32_t(p[0] | (p[1] << 8)) << 16;
      float f;
      std::memcpy(&f, &bits, 4);
      return f;
    }
    case DType::f64: {
      double d;
      std::memcpy(&d, p, 8);
      return float(d);
    }
    case DType::i64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      return float(v);
    }
    case DType::i32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      return float(v);
    }
    case DType::u8:
      return float(p[0]);
  }
  return 0.0f;
}

// Reads one tensor's elements (any strides) from its storage's bytes.
Result<Weight> materialize(ByteSource& src, const pickle::TensorRef& t, const StorageBytes& bytes,
                           const std::string& name) {
  const size_t elem = pickle::dtype_size(t.storage.dtype);
  if (t.storage.numel > bytes.size / elem)
    return invalid(src, "storage of '" + name + "' is larger than its data");
  Weight w;
  int64_t numel = 1, last = t.offset;
  for (size_t d = 0; d < t.sizes.size(); ++d) {
    if (t.sizes[d] > kMaxElements || (t.sizes[d] && numel > kMaxElements / t.sizes[d]))
      return invalid(src, "implausible size of '" + name + "'");
    numel *= t.sizes[d];
    if (t.sizes[d] > 0 && t.strides[d] > kMaxElements) return invalid(src, "bad strides");
    last += t.sizes[d] > 0 ? (t.sizes[d] - 1) * t.strides[d] : 0;
    w.shape.push_back(t.sizes[d]);
  }
  if (numel > 0 && uint64_t(last) >= t.storage.numel)
    return invalid(src, "'" + name + "' reaches past the end of its storage");
  w.values.resize(size_t(numel));
  if (numel == 0) return w;

  const uint64_t first_byte = uint64_t(t.offset) * elem;
  const uint64_t span = (uint64_t(last) - uint64_t(t.offset) + 1) * elem;
  auto raw = src.read_vector(bytes.offset + first_byte, span);
  if (!raw) return raw.error();
  // Walk the index space in C order, tracking the storage position by strides.
  std::vector<int64_t> idx(t.sizes.size(), 0);
  int64_t pos = 0;  // relative to t.offset
  for (int64_t i = 0; i < numel; ++i) {
    w.values[size_t(i)] = to_float(raw->data() + pos * int64_t(elem), t.storage.dtype);
    for (int d = int(t.sizes.size()) - 1; d >= 0; --d) {
      if (++idx[size_t(d)] < t.sizes[size_t(d)]) {
        pos += t.strides[size_t(d)];
        break;
      }
      pos -= (t.sizes[size_t(d)] - 1) * t.strides[size_t(d)];
      idx[size_t(d)] = 0;
    }
  }
  return w;
}

// Collects every tensor of nested dicts under dotted names.
Status flatten(const ByteSource& src, const Value& v, const std::string& prefix, int depth,
               std::vector<std::pair<std::string, const pickle::TensorRef*>>& out) {
  if (depth > kMaxNesting) return invalid(src, "nesting too deep");
  if (v.kind == Value::Kind::tensor) {
    out.emplace_back(prefix, &v.tensor);
    return {};
  }
  if (v.kind != Value::Kind::dict) return {};
  for (const auto& [k, val] : v.entries) {
    std::string key;
    if (k->kind == Value::Kind::string)
      key = k->s;
    else if (k->kind == Value::Kind::integer)
      key = std::to_string(k->i);
    else
      continue;
    if (auto st = flatten(src, *val, prefix.empty() ? key : prefix + "." + key, depth + 1, out);
        !st)
      return st;
  }
  return {};
}

Result<std::map<std::string, Weight>> collect(
    ByteSource& src, const Value& root,
    const std::function<Result<StorageBytes>(const pickle::StorageRef&)>& locate) {
  std::vector<std::pair<std::string, const pickle::TensorRef*>> tensors;
  if (auto st = flatten(src, root, "", 0, tensors); !st) return st.error();
  std::map<std::string, Weight> out;
  for (const auto& [name, t] : tensors) {
    auto bytes = locate(t->storage);
    if (!bytes) return bytes.error();
    auto w = materialize(src, *t, *bytes, name);
    if (!w) return w.error();
    out[name] = std::move(*w);
  }
  return out;
}

Result<std::map<std::string, Weight>> read_zip(ByteSource& src) {
  auto zip = ZipArchive::open(src);
  if (!zip) return zip.error();
  std::string prefix;
  const ZipEntry* pkl = nullptr;
  for (const auto& [name, entry] : zip->entries()) {
    const std::string tail = "data.pkl";
    if (name.size() >= tail.size() &&
        name.compare(name.size() - tail.size(), tail.size(), tail) == 0 &&
        name.find('/') == name.size() - tail.size() - 1) {
      prefix = name.substr(0, name.size() - tail.size());
      pkl = &entry;
    }
  }
  if (!pkl) return invalid(src, "no data.pkl in the archive");
  if (const ZipEntry* order = zip->find(prefix + "byteorder")) {
    auto text = src.read_vector(order->data_offset, std::min<uint64_t>(order->size, 16));
    if (!text) return text.error();
    if (std::string(text->begin(), text->end()) != "little")
      return Error{src.name() + ": big-endian checkpoints are not supported"};
  }
  uint64_t pos = pkl->data_offset;
  auto root = pickle::load(src, pos, [&](const Value& pid) {
    return pickle::storage_from_persistent_id(pid, src.name());
  });
  if (!root) return root.error();
  if (pos > pkl->data_offset + pkl->size) return invalid(src, "data.pkl overruns its entry");
  return collect(src, *root->root, [&](const pickle::StorageRef& s) -> Result<StorageBytes> {
    const ZipEntry* e = zip->find(prefix + "data/" + s.key);
    if (!e) return invalid(src, "storage '" + s.key + "' is missing");
    return StorageBytes{e->data_offset, e->size};
  });
}

Result<std::map<std::string, Weight>> read_legacy(ByteSource& src) {
  uint64_t pos = 0;
  auto no_pid = [&](const Value&) -> Result<pickle::StorageRef> {
    return invalid(src, "unexpected persistent id");
  };
  auto magic = pickle::load(src, pos, no_pid);
  if (!magic) return magic.error();
  static const char kMagic[] =
      "\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19";  // 0x1950a86a20f9469cfc6c
  if (magic->root->kind != Value::Kind::big_integer || magic->root->s != std::string(kMagic, 10))
    return Error{src.name() + ": not a PyTorch checkpoint (unknown magic number)"};
  auto protocol = pickle::load(src, pos, no_pid);
  if (!protocol) return protocol.error();
  if (protocol->root->kind != Value::Kind::integer || protocol->root->i != 1001)
    return invalid(src, "unsupported legacy protocol");
  auto sys_info = pickle::load(src, pos, no_pid);
  if (!sys_info) return sys_info.error();
  for (const auto& [k, v] : sys_info->root->entries)
    if (k->kind == Value::Kind::string && k->s == "little_endian" && !v->i)
      return Error{src.name() + ": big-endian checkpoints are not supported"};

  std::unordered_map<std::string, DType> storage_types;
  auto root = pickle::load(src, pos, [&](const Value& pid) -> Result<pickle::StorageRef> {
    auto s = pickle::storage_from_persistent_id(pid, src.name());
    if (s) storage_types[s->key] = s->dtype;
    return s;
  });
  if (!root) return root.error();
  auto keys = pickle::load(src, pos, no_pid);
  if (!keys) return keys.error();
  if (keys->root->kind != Value::Kind::list) return invalid(src, "no storage key list");

  std::unordered_map<std::string, StorageBytes> storages;
  for (const Value* key : keys->root->items) {
    if (key->kind != Value::Kind::string) return invalid(src, "bad storage key");
    auto type = storage_types.find(key->s);
    if (type == storage_types.end()) return invalid(src, "storage '" + key->s + "' has no type");
    uint8_t count_bytes[8];
    if (auto st = src.read(pos, 8, count_bytes); !st) return st.error();
    uint64_t count = 0;
    for (int i = 7; i >= 0; --i) count = (count << 8) | count_bytes[i];
    const uint64_t elem = pickle::dtype_size(type->second);
    pos += 8;
    if (count > (src.size() - pos) / elem) return src.truncated("storage '" + key->s + "'");
    storages[key->s] = {pos, count * elem};
    pos += count * elem;
  }
  return collect(src, *root->root, [&](const pickle::StorageRef& s) -> Result<StorageBytes> {
    auto it = storages.find(s.key);
    if (it == storages.end()) return invalid(src, "storage '" + s.key + "' is missing");
    return it->second;
  });
}

}  // namespace

Result<std::map<std::string, Weight>> read_torch_checkpoint(ByteSource& src) {
  if (looks_like_zip(src)) return read_zip(src);
  uint8_t first = 0;
  if (src.size() < 2 || !src.read(0, 1, &first) || first != 0x80)
    return Error{src.name() + ": not a PyTorch checkpoint or safetensors file"};
  return read_legacy(src);
}

}  // namespace fr
