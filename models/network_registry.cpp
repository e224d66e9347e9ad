#include "models/network_registry.h"

#include "models/face_network.h"
#include "models/gfpgan.h"
#include "models/parsenet.h"
#include "models/retinaface.h"
#include "models/rrdbnet.h"
#include "models/srvgg.h"
#include "models/upscaler.h"

namespace fr {
namespace {

// Net::load behind the role's interface.
template <class Interface, class Net>
Result<std::unique_ptr<Interface>> load_as(const WeightStore& weights, Backend& backend) {
  auto net = Net::load(weights, backend);
  if (!net) return net.error();
  return std::unique_ptr<Interface>(std::move(*net));
}

// The row of network class `Net` (see network_registry.h for what it provides).
template <class Net>
NetworkRow row(const char* name, NetworkRole role) {
  using Config = typename Net::Config;
  static_assert(std::is_same_v<typename Config::Network, Net>);
  NetworkRow r;
  r.name = name;
  r.role = role;
  r.detect = [](const WeightStore& weights) -> Detection<ModelConfig> {
    Detection<Config> found = Net::detect_config(weights);
    if (!found) return std::nullopt;
    if (!*found) return Result<ModelConfig>(found->error());
    return Result<ModelConfig>(ModelConfig(**found));
  };
  r.expected_weights = [](const ModelConfig& config) {
    return Net::expected_weights(config.get<Config>());
  };
  r.parameters = [](const ModelConfig& config) { return Net::parameters(config.get<Config>()); };
  r.default_config = [] { return ModelConfig(Config{}); };
  r.holds = [](const std::any& config) { return std::any_cast<Config>(&config) != nullptr; };
  if constexpr (std::is_base_of_v<Upscaler, Net>) r.load_upscaler = &load_as<Upscaler, Net>;
  if constexpr (std::is_base_of_v<FaceNetwork, Net>)
    r.load_face_network = &load_as<FaceNetwork, Net>;
  FR_CHECK((role == NetworkRole::background_upscaler) == (r.load_upscaler != nullptr) &&
               (role == NetworkRole::face_restorer) == (r.load_face_network != nullptr),
           std::string(name) +
               ": background upscalers, and only they, implement Upscaler; face restorers, "
               "and only they, FaceNetwork");
  return r;
}

std::string join_some(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < 6; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > 6) out += ", … (" + std::to_string(items.size()) + " in all)";
  return out;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  Weight w;
  w.shape = shape;
  return w.shape_str();
}

}  // namespace

const std::vector<NetworkRow>& network_rows() {
  static const std::vector<NetworkRow> rows{
      row<Gfpgan>("GFPGANv1Clean", NetworkRole::face_restorer),
      row<Rrdbnet>("RRDBNet", NetworkRole::background_upscaler),
      row<Srvgg>("SRVGGNetCompact", NetworkRole::background_upscaler),
      row<Retinaface>("RetinaFace", NetworkRole::face_detector),
      row<Parsenet>("ParseNet", NetworkRole::face_parser),
  };
  return rows;
}

const NetworkRow& ModelConfig::row_holding(const std::any& config) {
  for (const NetworkRow& r : network_rows())
    if (r.holds(config)) return r;
  FR_CHECK(false, "a config type without a row in network_rows()");
  return network_rows().front();
}

const NetworkRow& ModelConfig::network() const {
  FR_CHECK(row_, "an empty ModelConfig has no network");
  return *row_;
}

void ModelConfig::check_holds(bool holds) const {
  FR_CHECK(holds, "the config is " + (row_ ? std::string(row_->name) : "empty") +
                      "'s, not the type asked for");
}

std::string describe(const ModelConfig& config) {
  if (config.empty()) return "no network";
  const NetworkRow& row = config.network();
  return std::string(row.name) + " (" + row.parameters(config) + ")";
}

Result<const NetworkRow*> row_of_role(const WeightStore& weights, NetworkRole role,
                                      const std::string& what) {
  auto detected = detect_architecture(weights);
  if (!detected) return detected.error();
  if (detected->network().role == role) return &detected->network();
  std::string names;
  for (const NetworkRow& r : network_rows())
    if (r.role == role) names += (names.empty() ? "" : " or ") + std::string(r.name);
  return Error{weights.source() + ": holds " + describe(*detected) + ", not " + what + " (" +
               names + ")"};
}

Result<ModelConfig> detect_architecture(const WeightStore& weights) {
  for (const NetworkRow& r : network_rows())
    if (Detection<ModelConfig> found = r.detect(weights)) return std::move(*found);
  std::vector<std::string> names, some;
  for (const NetworkRow& r : network_rows()) names.push_back(r.name);
  for (const auto& [name, weight] : weights.all()) some.push_back(name);
  std::string known;
  for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
  return Error{weights.source() + ": not a model FaceRestore knows (" + known +
               "); its weights are " + join_some(some)};
}

WeightShapes expected_weights(const ModelConfig& config) {
  return config.network().expected_weights(config);
}

Status check_weights(const WeightStore& weights, const ModelConfig& config) {
  const WeightShapes expected = expected_weights(config);
  std::vector<std::string> missing, unexpected, mismatched;
  for (const auto& [name, shape] : expected) {
    const Weight* w = weights.find(name);
    if (!w)
      missing.push_back(name);
    else if (w->shape != shape)
      mismatched.push_back(name + " is " + w->shape_str() + ", expected " + shape_text(shape));
  }
  for (const auto& [name, w] : weights.all())
    if (!expected.count(name)) unexpected.push_back(name);
  if (missing.empty() && unexpected.empty() && mismatched.empty()) return {};
  std::string msg = weights.source() + ": does not match " + describe(config) + ":";
  if (!missing.empty()) msg += " missing " + join_some(missing) + ";";
  if (!unexpected.empty()) msg += " unexpected " + join_some(unexpected) + ";";
  if (!mismatched.empty()) msg += " wrong shapes: " + join_some(mismatched) + ";";
  msg.pop_back();
  return Error{msg};
}

int count_indexed(const WeightStore& weights, const std::string& before, const std::string& after) {
  int n = 0;
  while (weights.find(before + std::to_string(n) + after)) ++n;
  return n;
}

int count_matching(const WeightStore& weights, const std::string& prefix,
                   const std::string& suffix) {
  int n = 0;
  for (const auto& [name, weight] : weights.all())
    if (name.size() >= prefix.size() + suffix.size() && name.rfind(prefix, 0) == 0 &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      ++n;
  return n;
}

int64_t weight_dim(const Weight& weight, size_t i) {
  return i < weight.shape.size() ? weight.shape[i] : 0;
}

}  // namespace fr
