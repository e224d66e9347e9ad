// The networks FaceRestore runs, one row each (network_registry.cpp): the name shown to people,
// the role, and the network's own functions that recognise its weights, list the weights it
// needs and describe its hyper-parameters. ModelConfig is one network's config with its row;
// detect_architecture, check_weights and describe go through the rows.
//
// A network class `Net` provides, next to its load() and forward():
//   using Config = …;  // its hyper-parameters: a struct declaring `using Network = Net;`
//   static Detection<Config> detect_config(const WeightStore&);
//   static WeightShapes expected_weights(const Config&);  // from the plan load() uses
//   static std::string parameters(const Config&);         // "x4, nf 64, 23 blocks, gc 32"
#pragma once

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/error.h"
#include "models/weight_store.h"

namespace fr {

class Backend;
class FaceNetwork;
class Upscaler;
class ModelConfig;
struct NetworkRow;

// Weight name → dimensions, as a state dict holds them.
using WeightShapes = std::map<std::string, std::vector<int64_t>>;

// What a network finds in a state dict: nullopt when the weights are not that network's; its
// config; or an error when they carry the network's marker keys but not a consistent set.
template <class Config>
using Detection = std::optional<Result<Config>>;

// A network's config type: it names the network class it configures, whose row
// network_rows() must have (checked when a ModelConfig is made of it).
template <class T>
concept NetworkConfig = requires {
  typename T::Network;
};

// One network's config with its row. Made implicitly from any config type that has a row
// (GfpganConfig, RrdbnetConfig, …); a config type without one is a bug (FR_CHECK).
// Default-constructed: no network.
class ModelConfig {
 public:
  ModelConfig() = default;
  template <NetworkConfig Config>
  ModelConfig(Config config) : config_(std::move(config)), row_(&row_holding(config_)) {}

  bool empty() const { return row_ == nullptr; }
  // The row; FR_CHECK when empty.
  const NetworkRow& network() const;
  // The network's config, or nullptr when this holds another network's (or none).
  template <class Config>
  const Config* get_if() const {
    return std::any_cast<Config>(&config_);
  }
  // The network's config; FR_CHECK when this holds another network's (or none).
  template <class Config>
  const Config& get() const {
    const Config* config = get_if<Config>();
    check_holds(config != nullptr);
    return *config;
  }

 private:
  static const NetworkRow& row_holding(const std::any& config);
  void check_holds(bool holds) const;

  std::any config_;
  const NetworkRow* row_ = nullptr;
};

enum class NetworkRole { face_restorer, face_detector, face_parser, background_upscaler };

struct NetworkRow {
  const char* name = "";  // as shown to people: "GFPGANv1Clean", "RRDBNet", …
  NetworkRole role = NetworkRole::face_restorer;
  // Recognises the network's weights (see Detection).
  Detection<ModelConfig> (*detect)(const WeightStore& weights) = nullptr;
  // The functions below take a config of this row (ModelConfig::network() is this row).
  WeightShapes (*expected_weights)(const ModelConfig& config) = nullptr;
  std::string (*parameters)(const ModelConfig& config) = nullptr;
  // The config type's defaults (a published architecture).
  ModelConfig (*default_config)() = nullptr;
  // Whether `config` holds this row's config type.
  bool (*holds)(const std::any& config) = nullptr;
  // Role background_upscaler (the network implements Upscaler): loads it behind that
  // interface; null for the other roles.
  Result<std::unique_ptr<Upscaler>> (*load_upscaler)(const WeightStore& weights,
                                                     Backend& backend) = nullptr;
  // Role face_restorer (the network implements FaceNetwork): the same for that interface.
  Result<std::unique_ptr<FaceNetwork>> (*load_face_network)(const WeightStore& weights,
                                                            Backend& backend) = nullptr;
};

// Every network, in the order detect_architecture tries them.
const std::vector<NetworkRow>& network_rows();

// "GFPGANv1Clean (out 512, narrow 0.125, style width 256)": the row's name and parameters.
std::string describe(const ModelConfig& config);

// The first row that recognises the weights; an error says what the file looks like if none
// does, or what is inconsistent in a file that looks like one of them.
Result<ModelConfig> detect_architecture(const WeightStore& weights);

// The row of the weights' architecture when it has `role`; otherwise an error naming what the
// weights hold and the networks of that role: "<file>: holds …, not `what` (A or B)".
Result<const NetworkRow*> row_of_role(const WeightStore& weights, NetworkRole role,
                                      const std::string& what);

// Every weight name and shape the architecture needs.
WeightShapes expected_weights(const ModelConfig& config);

// Compares with expected_weights: the error names missing and unexpected keys and
// mismatched shapes (the first few of each, with counts).
Status check_weights(const WeightStore& weights, const ModelConfig& config);

// The row of the network whose config type is `Config`.
template <class Config>
const NetworkRow& network_row() {
  return ModelConfig(Config{}).network();
}

// The weights' architecture when it is `Config` and every key and shape is as that
// architecture needs; otherwise an error naming what the file holds ("holds …, not RRDBNet").
template <class Config>
Result<Config> checked_config(const WeightStore& weights) {
  auto detected = detect_architecture(weights);
  if (!detected) return detected.error();
  const Config* config = detected->get_if<Config>();
  if (!config)
    return Error{weights.source() + ": holds " + describe(*detected) + ", not " +
                 network_row<Config>().name};
  if (auto st = check_weights(weights, *detected); !st) return st.error();
  return *config;
}

// For detect_config functions: how many weights `before`0`after`, `before`1`after`, … exist
// in a row from 0.
int count_indexed(const WeightStore& weights, const std::string& before, const std::string& after);
// How many weight names start with `prefix` and end with `suffix`.
int count_matching(const WeightStore& weights, const std::string& prefix,
                   const std::string& suffix);
// Dimension `i` of the weight's shape, 0 when it has fewer.
int64_t weight_dim(const Weight& weight, size_t i);

}  // namespace fr
