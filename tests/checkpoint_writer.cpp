#include "tests/checkpoint_writer.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>

#include "core/half.h"
#include "core/path_text.h"
#include "models/weight_store.h"

namespace fr::test {
namespace {

void put16(std::string& s, uint32_t v) {
  s += char(v & 0xff), s += char((v >> 8) & 0xff);
}
void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xffff), put16(s, v >> 16);
}

}  // namespace

PickleWriter& PickleWriter::global(const std::string& module, const std::string& name) {
  out += 'c' + module + '\n' + name + '\n';
  return *this;
}

PickleWriter& PickleWriter::str(const std::string& s) {
  out += 'X';
  put32(out, uint32_t(s.size()));
  out += s;
  return *this;
}

PickleWriter& PickleWriter::integer(int64_t v) {
  out += 'J';
  put32(out, uint32_t(int32_t(v)));
  return *this;
}

PickleWriter& PickleWriter::ints(const std::vector<int64_t>& v) {
  mark();
  for (int64_t x : v) integer(x);
  return tuple();
}

PickleWriter& PickleWriter::tensor(const std::string& storage_type, const std::string& key,
                                   int64_t numel, int64_t offset, const std::vector<int64_t>& sizes,
                                   const std::vector<int64_t>& strides) {
  global("torch._utils", "_rebuild_tensor_v2");
  mark();
  mark().str("storage").global("torch", storage_type).str(key).str("cpu").integer(numel).tuple();
  persid();
  integer(offset).ints(sizes).ints(strides).false_();
  global("collections", "OrderedDict").empty_tuple().reduce();
  tuple();
  return reduce();
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string zip, dir;
  for (const auto& [name, data] : entries) {
    const uint32_t offset = uint32_t(zip.size());
    put32(zip, 0x04034b50);
    put16(zip, 20), put16(zip, 0), put16(zip, 0), put16(zip, 0), put16(zip, 0);
    put32(zip, 0), put32(zip, uint32_t(data.size())), put32(zip, uint32_t(data.size()));
    put16(zip, uint16_t(name.size())), put16(zip, 0);
    zip += name + data;
    put32(dir, 0x02014b50);
    put16(dir, 20), put16(dir, 20), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0);
    put32(dir, 0), put32(dir, uint32_t(data.size())), put32(dir, uint32_t(data.size()));
    put16(dir, uint16_t(name.size())), put16(dir, 0), put16(dir, 0), put16(dir, 0), put16(dir, 0);
    put32(dir, 0), put32(dir, offset);
    dir += name;
  }
  const uint32_t dir_offset = uint32_t(zip.size());
  zip += dir;
  put32(zip, 0x06054b50);
  put16(zip, 0), put16(zip, 0), put16(zip, uint16_t(entries.size())),
      put16(zip, uint16_t(entries.size()));
  put32(zip, uint32_t(dir.size())), put32(zip, dir_offset), put16(zip, 0);
  return zip;
}

std::string f32_bytes(const std::vector<float>& v) {
  std::string s(v.size() * 4, '\0');
  std::memcpy(s.data(), v.data(), s.size());
  return s;
}

std::string f16_bytes(const std::vector<float>& v) {
  std::string s;
  for (float f : v) put16(s, float_to_half(f));
  return s;
}

std::string safetensors_f32(const std::vector<NamedF32>& tensors) {
  std::string header = "{", data;
  for (const NamedF32& t : tensors) {
    std::string shape;
    for (int64_t d : t.shape) shape += (shape.empty() ? "" : ",") + std::to_string(d);
    const size_t begin = data.size();
    data += f32_bytes(t.values);
    header += (header.size() > 1 ? "," : "") + std::string("\"") + t.name +
              "\":{\"dtype\":\"F32\",\"shape\":[" + shape + "],\"data_offsets\":[" +
              std::to_string(begin) + "," + std::to_string(data.size()) + "]}";
  }
  header += "}";
  std::string out;
  for (int i = 0; i < 8; ++i) out += char((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

namespace {

std::string main_pickle(const CheckpointParts& parts) {
  PickleWriter p;
  p.proto().empty_dict().mark().str("params_ema");
  p.global("collections", "OrderedDict")
      .empty_tuple()
      .reduce()
      .mark()
      .raw(parts.tensors)
      .setitems();
  p.str("iter").integer(5).setitems().stop();
  return p.out;
}

}  // namespace

std::string zip_checkpoint(const CheckpointParts& parts) {
  std::vector<std::pair<std::string, std::string>> entries = {
      {"ckpt/data.pkl", main_pickle(parts)}};
  for (const auto& [key, bytes] : parts.storages) entries.emplace_back("ckpt/data/" + key, bytes);
  entries.emplace_back("ckpt/version", "3\n");
  return make_zip(entries);
}

std::string legacy_checkpoint(const CheckpointParts& parts,
                              const std::vector<std::pair<std::string, int>>& storage_elements) {
  std::string out;
  out += PickleWriter()
             .proto()
             .raw(std::string("\x8a\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19", 12))
             .stop()
             .out;
  out += PickleWriter().proto().raw("M\xe9\x03").stop().out;  // 1001
  out += PickleWriter()
             .proto()
             .empty_dict()
             .mark()
             .str("little_endian")
             .raw("\x88")
             .setitems()
             .stop()
             .out;
  out += main_pickle(parts);
  PickleWriter keys;
  keys.proto().empty_list().mark();
  for (const auto& [key, bytes] : parts.storages) keys.str(key);
  keys.appends().stop();
  out += keys.out;
  for (const auto& [key, bytes] : parts.storages) {
    int elem = 4;
    for (const auto& [k, e] : storage_elements)
      if (k == key) elem = e;
    uint64_t count = bytes.size() / size_t(elem);
    for (int i = 0; i < 8; ++i) out += char((count >> (8 * i)) & 0xff);
    out += bytes;
  }
  return out;
}

Status write_model_with_nan(const std::filesystem::path& source,
                            const std::filesystem::path& target, const std::string& key) {
  auto store = load_weights(source);
  if (!store) return store.error();
  if (!store->find(key)) return Error{path_text(source) + " has no weight " + key};
  std::vector<NamedF32> tensors;
  for (const auto& [name, weight] : store->all()) {
    tensors.push_back({name, weight.shape, weight.values});
    if (name == key) std::fill(tensors.back().values.begin(), tensors.back().values.end(), NAN);
  }
  write_file(target, safetensors_f32(tensors));
  return {};
}

void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace fr::test
