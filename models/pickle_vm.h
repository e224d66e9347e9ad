// A restricted Python pickle interpreter for PyTorch state dicts. It builds plain values
// (dicts, lists, tuples, strings, numbers) and tensor references; it never executes code
// from the file. The only globals it accepts are collections.OrderedDict, the torch tensor
// rebuild functions and the torch storage classes; any other global (os.system,
// builtins.eval, …) is an error that names it, raised when the GLOBAL opcode is read,
// before anything could call it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/byte_source.h"

namespace fr::pickle {

enum class DType { f32, f16, bf16, f64, i64, i32, u8 };
size_t dtype_size(DType t);
const char* dtype_name(DType t);

struct StorageRef {
  DType dtype = DType::f32;
  std::string key;     // the storage's name in the checkpoint
  uint64_t numel = 0;  // as the persistent id states it
};

struct TensorRef {
  StorageRef storage;
  int64_t offset = 0;  // in elements
  std::vector<int64_t> sizes, strides;
};

struct Value;
// Values belong to the Pickle they were loaded into and point at each other freely (a pickle
// may build cycles, e.g. a dict holding itself); they live as long as that Pickle.
using ValuePtr = Value*;

struct Value {
  enum class Kind {
    none,
    boolean,
    integer,
    big_integer,
    floating,
    string,
    bytes,
    list,
    tuple,
    dict,
    global,
    storage,
    tensor
  };
  Kind kind = Kind::none;
  int64_t i = 0;   // boolean, integer
  double f = 0.0;  // floating
  std::string s;   // string, bytes, big_integer (little-endian two's complement), global
                   // ("module.name")
  std::vector<ValuePtr> items;                         // list, tuple
  std::vector<std::pair<ValuePtr, ValuePtr>> entries;  // dict, in insertion order
  StorageRef storage;
  TensorRef tensor;
};

// A loaded pickle: the object it builds and the storage of every value in it.
struct Pickle {
  std::vector<std::unique_ptr<Value>> arena;
  const Value* root = nullptr;
};

// Turns a persistent id (the tuple after BINPERSID) into the storage it names.
using PersistentLoad = std::function<Result<StorageRef>(const Value& pid)>;

// Runs one pickle starting at `pos` in `src`; on success `pos` is just past its STOP.
Result<Pickle> load(ByteSource& src, uint64_t& pos, const PersistentLoad& persistent_load);

// The storage named by torch's persistent id ('storage', <Storage class>, key, location,
// numel[, view_metadata]).
Result<StorageRef> storage_from_persistent_id(const Value& pid, const std::string& file);

}  // namespace fr::pickle
