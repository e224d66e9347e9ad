// Test-only writers for model files with known contents: pickle opcodes, a stored zip, and
// whole PyTorch checkpoints in both serialisations.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace fr::test {

// Appends pickle opcodes (protocol 2) to a byte string.
class PickleWriter {
 public:
  PickleWriter& proto() { return op(0x80).byte(2); }
  PickleWriter& mark() { return op('('); }
  PickleWriter& tuple() { return op('t'); }
  PickleWriter& empty_tuple() { return op(')'); }
  PickleWriter& empty_dict() { return op('}'); }
  PickleWriter& empty_list() { return op(']'); }
  PickleWriter& setitems() { return op('u'); }
  PickleWriter& appends() { return op('e'); }
  PickleWriter& reduce() { return op('R'); }
  PickleWriter& persid() { return op('Q'); }
  PickleWriter& build() { return op('b'); }
  PickleWriter& none() { return op('N'); }
  PickleWriter& false_() { return op(0x89); }
  PickleWriter& stop() { return op('.'); }
  PickleWriter& global(const std::string& module, const std::string& name);
  PickleWriter& str(const std::string& s);
  PickleWriter& integer(int64_t v);
  PickleWriter& ints(const std::vector<int64_t>& v);  // a tuple of integers
  PickleWriter& raw(const std::string& bytes) {
    out += bytes;
    return *this;
  }

  // torch._utils._rebuild_tensor_v2(storage(key, type, numel), offset, sizes, strides, False,
  // OrderedDict()).
  PickleWriter& tensor(const std::string& storage_type, const std::string& key, int64_t numel,
                       int64_t offset, const std::vector<int64_t>& sizes,
                       const std::vector<int64_t>& strides);

  std::string out;

 private:
  PickleWriter& op(uint8_t c) {
    out += char(c);
    return *this;
  }
  PickleWriter& byte(uint8_t c) {
    out += char(c);
    return *this;
  }
};

// A zip archive of stored entries.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

// Raw little-endian bytes of values.
std::string f32_bytes(const std::vector<float>& v);
std::string f16_bytes(const std::vector<float>& v);

// A checkpoint {'params_ema': OrderedDict(tensors), 'iter': 5} whose tensors are `pickle_body`
// (key/value pairs already written), with storages `storages` (key → bytes).
struct CheckpointParts {
  std::string tensors;  // pickle opcodes: key, tensor, key, tensor, …
  std::vector<std::pair<std::string, std::string>> storages;  // key → raw bytes
};
std::string zip_checkpoint(const CheckpointParts& parts);
// The legacy serialisation; each storage is listed with its element size.
std::string legacy_checkpoint(const CheckpointParts& parts,
                              const std::vector<std::pair<std::string, int>>& storage_elements);

// A safetensors file of float32 tensors, in the order given.
struct NamedF32 {
  std::string name;
  std::vector<int64_t> shape;
  std::vector<float> values;
};
std::string safetensors_f32(const std::vector<NamedF32>& tensors);

// The model file `source` (any format load_weights reads) rewritten as safetensors at `target`
// with every value of the weight `key` set to NaN: a network that produces NaN, for the
// not-finite checks. An error when `source` cannot be read or has no `key`.
Status write_model_with_nan(const std::filesystem::path& source,
                            const std::filesystem::path& target, const std::string& key);

void write_file(const std::filesystem::path& path, const std::string& bytes);
std::string read_file(const std::filesystem::path& path);

}  // namespace fr::test
