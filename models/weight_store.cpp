#include "models/weight_store.h"

#include "models/byte_source.h"
#include "models/safetensors_reader.h"
#include "models/torch_reader.h"

namespace fr {

int64_t Weight::numel() const {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

std::string Weight::shape_str() const {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + ")";
}

HostTensor Weight::tensor() const {
  std::vector<int64_t> dims = shape;
  while (dims.size() > 4 && dims.front() == 1) dims.erase(dims.begin());
  FR_CHECK(dims.size() <= 4, "Weight::tensor of shape " + shape_str());
  int d[4] = {1, 1, 1, 1};
  for (size_t i = 0; i < dims.size(); ++i) d[4 - dims.size() + i] = int(dims[i]);
  return HostTensor(Shape{d[0], d[1], d[2], d[3]}, values);
}

WeightStore WeightStore::unwrap(std::string source, std::map<std::string, Weight> flat) {
  for (const char* wrapper : {"params_ema.", "params.", "state_dict."}) {
    const std::string prefix = wrapper;
    std::map<std::string, Weight> inner;
    for (auto& [name, w] : flat)
      if (name.rfind(prefix, 0) == 0) inner.emplace(name.substr(prefix.size()), std::move(w));
    if (!inner.empty()) {
      flat = std::move(inner);
      break;
    }
  }
  const std::string module = "module.";
  bool all_module = !flat.empty();
  for (const auto& [name, w] : flat) all_module &= name.rfind(module, 0) == 0;
  if (all_module) {
    std::map<std::string, Weight> stripped;
    for (auto& [name, w] : flat) stripped.emplace(name.substr(module.size()), std::move(w));
    flat = std::move(stripped);
  }
  return WeightStore(std::move(source), std::move(flat));
}

const Weight* WeightStore::find(const std::string& name) const {
  auto it = weights_.find(name);
  return it == weights_.end() ? nullptr : &it->second;
}

Result<const Weight*> WeightStore::get(const std::string& name) const {
  if (const Weight* w = find(name)) return w;
  return Error{source_ + ": the weight '" + name + "' is missing"};
}

Result<WeightStore> load_weights(const std::filesystem::path& path) {
  auto src = FileSource::open(path);
  if (!src) return src.error();
  auto flat =
      looks_like_safetensors(**src) ? read_safetensors(**src) : read_torch_checkpoint(**src);
  if (!flat) return flat.error();
  if (flat->empty()) return Error{(*src)->name() + ": the file holds no weights"};
  return WeightStore::unwrap((*src)->name(), std::move(*flat));
}

}  // namespace fr
