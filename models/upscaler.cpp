#include "models/upscaler.h"

#include "models/network_registry.h"

namespace fr {

Result<std::unique_ptr<Upscaler>> load_upscaler(const WeightStore& weights, Backend& backend) {
  auto detected = detect_architecture(weights);
  if (!detected) return detected.error();
  const NetworkRow& row = detected->network();
  if (row.role == NetworkRole::background_upscaler) return row.load_upscaler(weights, backend);
  std::string upscalers;
  for (const NetworkRow& r : network_rows())
    if (r.role == NetworkRole::background_upscaler)
      upscalers += (upscalers.empty() ? "" : " or ") + std::string(r.name);
  return Error{weights.source() + ": holds " + describe(*detected) + ", not an upscaler (" +
               upscalers + ")"};
}

}  // namespace fr
