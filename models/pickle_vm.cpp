#include "models/pickle_vm.h"

#include <cstring>
#include <set>
#include <unordered_map>

namespace fr::pickle {
namespace {

constexpr size_t kMaxStack = 1 << 20;
constexpr size_t kMaxMemo = 1 << 22;
constexpr uint64_t kMaxDims = 16;

const std::set<std::string> kAllowedGlobals = {
    "collections.OrderedDict",
    "torch._utils._rebuild_tensor_v2",
    "torch._utils._rebuild_tensor",
    "torch._utils._rebuild_parameter",
    "torch.FloatStorage",
    "torch.HalfStorage",
    "torch.BFloat16Storage",
    "torch.DoubleStorage",
    "torch.LongStorage",
    "torch.IntStorage",
    "torch.ByteStorage",
};

class Vm {
 public:
  Vm(ByteSource& src, uint64_t pos, const PersistentLoad& pl, Pickle& out)
      : src_(src), pos_(pos), pl_(pl), out_(out) {}
  Result<ValuePtr> run();
  uint64_t pos() const { return pos_; }

 private:
  Error bad(const std::string& what) const {
    return Error{src_.name() + ": not a valid PyTorch checkpoint (" + what + ")"};
  }
  // Reads n bytes of the pickle stream (buffered).
  Status take(uint64_t n, std::string& out);
  Result<uint64_t> uint_le(int bytes);
  Result<ValuePtr> pop();
  Result<std::vector<ValuePtr>> pop_mark();
  Status push(ValuePtr v);
  Result<ValuePtr> call(const Value& callable, const Value& args);
  ValuePtr make(Value::Kind k) {
    out_.arena.push_back(std::make_unique<Value>());
    out_.arena.back()->kind = k;
    return out_.arena.back().get();
  }

  ByteSource& src_;
  uint64_t pos_;
  const PersistentLoad& pl_;
  Pickle& out_;
  std::vector<uint8_t> buf_;
  uint64_t buf_start_ = 0;
  std::vector<ValuePtr> stack_;
  std::vector<size_t> marks_;
  std::unordered_map<uint64_t, ValuePtr> memo_;
};

Status Vm::take(uint64_t n, std::string& out) {
  if (pos_ > src_.size() || n > src_.size() - pos_) return src_.truncated("pickle data ends early");
  out.resize(n);
  uint64_t done = 0;
  while (done < n) {
    if (pos_ < buf_start_ || pos_ >= buf_start_ + buf_.size()) {
      const uint64_t chunk = std::min<uint64_t>(1 << 16, src_.size() - pos_);
      buf_.resize(chunk);
      if (auto st = src_.read(pos_, chunk, buf_.data()); !st) return st;
      buf_start_ = pos_;
    }
    const uint64_t avail = buf_start_ + buf_.size() - pos_;
    const uint64_t k = std::min(avail, n - done);
    std::memcpy(out.data() + done, buf_.data() + (pos_ - buf_start_), k);
    done += k;
    pos_ += k;
  }
  return {};
}

Result<uint64_t> Vm::uint_le(int bytes) {
  std::string b;
  if (auto st = take(uint64_t(bytes), b); !st) return st.error();
  uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | uint8_t(b[size_t(i)]);
  return v;
}

Result<ValuePtr> Vm::pop() {
  if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back()))
    return bad("stack underflow");
  ValuePtr v = stack_.back();
  stack_.pop_back();
  return v;
}

Result<std::vector<ValuePtr>> Vm::pop_mark() {
  if (marks_.empty()) return bad("missing MARK");
  const size_t m = marks_.back();
  marks_.pop_back();
  if (m > stack_.size()) return bad("bad MARK");
  std::vector<ValuePtr> items(stack_.begin() + std::ptrdiff_t(m), stack_.end());
  stack_.resize(m);
  return items;
}

Status Vm::push(ValuePtr v) {
  if (stack_.size() >= kMaxStack) return bad("stack too deep");
  stack_.push_back(std::move(v));
  return {};
}

// Reads an integer-valued tuple (sizes, strides).
Result<std::vector<int64_t>> int_tuple(const Value& v, const Error& err) {
  if (v.kind != Value::Kind::tuple || v.items.size() > kMaxDims) return err;
  std::vector<int64_t> out;
  for (const auto& item : v.items) {
    if (item->kind != Value::Kind::integer || item->i < 0) return err;
    out.push_back(item->i);
  }
  return out;
}

Result<ValuePtr> Vm::call(const Value& callable, const Value& args) {
  if (callable.kind != Value::Kind::global) return bad("call of a non-function");
  if (args.kind != Value::Kind::tuple) return bad("call without an argument tuple");
  const std::string& fn = callable.s;
  const auto& a = args.items;
  if (fn == "collections.OrderedDict") {
    if (!a.empty()) return bad("OrderedDict with arguments");
    return make(Value::Kind::dict);
  }
  if (fn == "torch._utils._rebuild_parameter") {
    if (a.empty() || a[0]->kind != Value::Kind::tensor) return bad("parameter without a tensor");
    return a[0];
  }
  if (fn == "torch._utils._rebuild_tensor_v2" || fn == "torch._utils._rebuild_tensor") {
    if (a.size() < 4 || a[0]->kind != Value::Kind::storage || a[1]->kind != Value::Kind::integer ||
        a[1]->i < 0)
      return bad("malformed tensor record");
    auto t = make(Value::Kind::tensor);
    t->tensor.storage = a[0]->storage;
    t->tensor.offset = a[1]->i;
    auto sizes = int_tuple(*a[2], bad("malformed tensor sizes"));
    if (!sizes) return sizes.error();
    auto strides = int_tuple(*a[3], bad("malformed tensor strides"));
    if (!strides) return strides.error();
    if (sizes->size() != strides->size()) return bad("tensor sizes and strides disagree");
    t->tensor.sizes = std::move(*sizes);
    t->tensor.strides = std::move(*strides);
    return t;
  }
  return bad("call of " + fn);  // unreachable: GLOBAL admits nothing else
}

Result<ValuePtr> Vm::run() {
  std::string b;
  for (;;) {
    if (auto st = take(1, b); !st) return st.error();
    const uint8_t op = uint8_t(b[0]);
    switch (op) {
      case 0x80: {  // PROTO
        auto v = uint_le(1);
        if (!v) return v.error();
        if (*v > 5) return bad("pickle protocol " + std::to_string(*v));
        break;
      }
      case 0x95: {  // FRAME: a length hint only
        auto v = uint_le(8);
        if (!v) return v.error();
        break;
      }
      case '.': {  // STOP
        auto v = pop();
        if (!v) return v.error();
        return *v;
      }
      case '(':
        if (marks_.size() >= kMaxStack) return bad("too many MARKs");
        marks_.push_back(stack_.size());
        break;
      case '0': {
        auto v = pop();
        if (!v) return v.error();
        break;
      }
      case '1': {
        auto v = pop_mark();
        if (!v) return v.error();
        break;
      }
      case '2': {
        if (stack_.empty()) return bad("DUP on an empty stack");
        if (auto st = push(stack_.back()); !st) return st.error();
        break;
      }
      case 'N':
      case 0x88:
      case 0x89: {
        auto v = make(op == 'N' ? Value::Kind::none : Value::Kind::boolean);
        v->i = op == 0x88;
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 'J':
      case 'K':
      case 'M': {
        const int n = op == 'J' ? 4 : op == 'K' ? 1 : 2;
        auto u = uint_le(n);
        if (!u) return u.error();
        auto v = make(Value::Kind::integer);
        v->i = op == 'J' ? int64_t(int32_t(uint32_t(*u))) : int64_t(*u);
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 0x8a: {  // LONG1
        auto n = uint_le(1);
        if (!n) return n.error();
        if (auto st = take(*n, b); !st) return st.error();
        auto v = make(Value::Kind::integer);
        if (*n <= 8) {
          uint64_t x = 0;
          for (int i = int(*n) - 1; i >= 0; --i) x = (x << 8) | uint8_t(b[size_t(i)]);
          if (*n > 0 && *n < 8 && (uint8_t(b[*n - 1]) & 0x80)) x |= ~uint64_t(0) << (8 * *n);
          v->i = int64_t(x);
        } else {
          v->kind = Value::Kind::big_integer;
          v->s = b;
        }
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 'G': {  // BINFLOAT, big-endian
        if (auto st = take(8, b); !st) return st.error();
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | uint8_t(b[size_t(i)]);
        auto v = make(Value::Kind::floating);
        std::memcpy(&v->f, &bits, 8);
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 'X':
      case 0x8c:
      case 0x8d:
      case 'T':
      case 'U':
      case 'B':
      case 'C': {
        const int n = (op == 0x8c || op == 'U' || op == 'C') ? 1 : op == 0x8d ? 8 : 4;
        auto len = uint_le(n);
        if (!len) return len.error();
        auto v = make(op == 'B' || op == 'C' ? Value::Kind::bytes : Value::Kind::string);
        if (auto st = take(*len, v->s); !st) return st.error();
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case '}':
      case ']':
      case ')': {
        auto v = make(op == '}'   ? Value::Kind::dict
                      : op == ']' ? Value::Kind::list
                                  : Value::Kind::tuple);
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 't':
      case 'l': {
        auto items = pop_mark();
        if (!items) return items.error();
        auto v = make(op == 't' ? Value::Kind::tuple : Value::Kind::list);
        v->items = std::move(*items);
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 0x85:
      case 0x86:
      case 0x87: {
        const int n = op - 0x84;
        auto v = make(Value::Kind::tuple);
        v->items.resize(size_t(n));
        for (int i = n - 1; i >= 0; --i) {
          auto item = pop();
          if (!item) return item.error();
          v->items[size_t(i)] = *item;
        }
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 'd':
      case 's':
      case 'u': {
        std::vector<ValuePtr> kv;
        if (op == 's') {
          auto val = pop();
          if (!val) return val.error();
          auto key = pop();
          if (!key) return key.error();
          kv = {*key, *val};
        } else {
          auto items = pop_mark();
          if (!items) return items.error();
          kv = std::move(*items);
        }
        if (kv.size() % 2) return bad("odd number of dict items");
        ValuePtr dict;
        if (op == 'd') {
          dict = make(Value::Kind::dict);
          if (auto st = push(dict); !st) return st.error();
        } else {
          if (stack_.empty() || stack_.back()->kind != Value::Kind::dict)
            return bad("SETITEM on a non-dict");
          dict = stack_.back();
        }
        for (size_t i = 0; i < kv.size(); i += 2) dict->entries.emplace_back(kv[i], kv[i + 1]);
        break;
      }
      case 'a':
      case 'e': {
        std::vector<ValuePtr> items;
        if (op == 'a') {
          auto v = pop();
          if (!v) return v.error();
          items = {*v};
        } else {
          auto v = pop_mark();
          if (!v) return v.error();
          items = std::move(*v);
        }
        if (stack_.empty() || stack_.back()->kind != Value::Kind::list)
          return bad("APPEND on a non-list");
        for (ValuePtr v : items) stack_.back()->items.push_back(v);
        break;
      }
      case 'q':
      case 'r':
      case 0x94: {
        uint64_t index = memo_.size();
        if (op != 0x94) {
          auto v = uint_le(op == 'q' ? 1 : 4);
          if (!v) return v.error();
          index = *v;
        }
        if (stack_.empty()) return bad("PUT on an empty stack");
        if (memo_.size() >= kMaxMemo) return bad("memo too large");
        memo_[index] = stack_.back();
        break;
      }
      case 'h':
      case 'j': {
        auto index = uint_le(op == 'h' ? 1 : 4);
        if (!index) return index.error();
        auto it = memo_.find(*index);
        if (it == memo_.end()) return bad("GET of an unknown memo entry");
        if (auto st = push(it->second); !st) return st.error();
        break;
      }
      case 'c':
      case 0x93: {
        std::string module, name;
        if (op == 'c') {
          for (std::string* part : {&module, &name})
            for (;;) {
              if (auto st = take(1, b); !st) return st.error();
              if (b[0] == '\n') break;
              if (part->size() > 256) return bad("GLOBAL name too long");
              *part += b[0];
            }
        } else {
          auto n = pop();
          if (!n) return n.error();
          auto m = pop();
          if (!m) return m.error();
          if ((*m)->kind != Value::Kind::string || (*n)->kind != Value::Kind::string)
            return bad("STACK_GLOBAL without names");
          module = (*m)->s;
          name = (*n)->s;
        }
        const std::string full = module + "." + name;
        if (!kAllowedGlobals.count(full))
          return Error{src_.name() + ": refused: the file asks to run '" + full +
                       "', which a model file has no reason to do; it was not loaded"};
        auto v = make(Value::Kind::global);
        v->s = full;
        if (auto st = push(v); !st) return st.error();
        break;
      }
      case 'R':
      case 0x81: {  // REDUCE, NEWOBJ
        auto args = pop();
        if (!args) return args.error();
        auto fn = pop();
        if (!fn) return fn.error();
        auto v = call(**fn, **args);
        if (!v) return v.error();
        if (auto st = push(*v); !st) return st.error();
        break;
      }
      case 'b': {  // BUILD: state for an OrderedDict (_metadata) or a tensor; ignored
        auto state = pop();
        if (!state) return state.error();
        if (stack_.empty() || (stack_.back()->kind != Value::Kind::dict &&
                               stack_.back()->kind != Value::Kind::tensor))
          return bad("BUILD on an unsupported object");
        break;
      }
      case 'Q': {  // BINPERSID
        auto pid = pop();
        if (!pid) return pid.error();
        auto storage = pl_(**pid);
        if (!storage) return storage.error();
        ValuePtr v = make(Value::Kind::storage);
        v->storage = std::move(*storage);
        if (auto st = push(v); !st) return st.error();
        break;
      }
      default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        return bad(std::string("unsupported pickle opcode ") + hex);
      }
    }
  }
}

}  // namespace

size_t dtype_size(DType t) {
  switch (t) {
    case DType::f64:
    case DType::i64:
      return 8;
    case DType::f32:
    case DType::i32:
      return 4;
    case DType::f16:
    case DType::bf16:
      return 2;
    case DType::u8:
      return 1;
  }
  return 4;
}

const char* dtype_name(DType t) {
  switch (t) {
    case DType::f32:
      return "float32";
    case DType::f16:
      return "float16";
    case DType::bf16:
      return "bfloat16";
    case DType::f64:
      return "float64";
    case DType::i64:
      return "int64";
    case DType::i32:
      return "int32";
    case DType::u8:
      return "uint8";
  }
  return "?";
}

Result<Pickle> load(ByteSource& src, uint64_t& pos, const PersistentLoad& persistent_load) {
  Pickle p;
  Vm vm(src, pos, persistent_load, p);
  auto v = vm.run();
  if (!v) return v.error();
  pos = vm.pos();
  p.root = *v;
  return p;
}

Result<StorageRef> storage_from_persistent_id(const Value& pid, const std::string& file) {
  const Error bad{file + ": not a valid PyTorch checkpoint (malformed storage reference)"};
  if (pid.kind != Value::Kind::tuple || pid.items.size() < 5) return bad;
  const auto& a = pid.items;
  if (a[0]->kind != Value::Kind::string || a[0]->s != "storage" ||
      a[1]->kind != Value::Kind::global || a[2]->kind != Value::Kind::string ||
      a[4]->kind != Value::Kind::integer || a[4]->i < 0)
    return bad;
  static const std::pair<const char*, DType> kTypes[] = {
      {"torch.FloatStorage", DType::f32},     {"torch.HalfStorage", DType::f16},
      {"torch.BFloat16Storage", DType::bf16}, {"torch.DoubleStorage", DType::f64},
      {"torch.LongStorage", DType::i64},      {"torch.IntStorage", DType::i32},
      {"torch.ByteStorage", DType::u8}};
  StorageRef s;
  bool known = false;
  for (const auto& [name, type] : kTypes)
    if (a[1]->s == name) s.dtype = type, known = true;
  if (!known) return Error{file + ": unsupported storage type " + a[1]->s};
  s.key = a[2]->s;
  s.numel = uint64_t(a[4]->i);
  return s;
}

}  // namespace fr::pickle
