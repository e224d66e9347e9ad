#include "models/upscaler.h"

#include "models/rrdbnet.h"
#include "models/srvgg.h"

namespace fr {

Result<std::unique_ptr<Upscaler>> load_upscaler(const WeightStore& weights, Backend& backend) {
  auto detected = detect_architecture(weights);
  if (!detected) return detected.error();
  if (std::holds_alternative<RrdbnetConfig>(*detected)) {
    auto net = Rrdbnet::load(weights, backend);
    if (!net) return net.error();
    return std::unique_ptr<Upscaler>(std::move(*net));
  }
  if (std::holds_alternative<SrvggConfig>(*detected)) {
    auto net = Srvgg::load(weights, backend);
    if (!net) return net.error();
    return std::unique_ptr<Upscaler>(std::move(*net));
  }
  return Error{weights.source() + ": holds " + describe(*detected) +
               ", not an upscaler (RRDBNet or SRVGGNetCompact)"};
}

}  // namespace fr
