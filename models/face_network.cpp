#include "models/face_network.h"

#include "models/image_network.h"
#include "models/network_registry.h"

namespace fr {

Result<ImageU8> FaceNetwork::restore(const ImageU8View& bgr, const FaceNetworkOptions& options) {
  return run_image_network(
      be_, bgr, -1.0f, [&](const Tensor& x) { return restore_face(x, options); },
      "face restoration");
}

Result<std::unique_ptr<FaceNetwork>> load_face_network(const WeightStore& weights,
                                                       Backend& backend) {
  auto detected = detect_architecture(weights);
  if (!detected) return detected.error();
  const NetworkRow& row = detected->network();
  if (row.role == NetworkRole::face_restorer) return row.load_face_network(weights, backend);
  std::string networks;
  for (const NetworkRow& r : network_rows())
    if (r.role == NetworkRole::face_restorer)
      networks += (networks.empty() ? "" : " or ") + std::string(r.name);
  return Error{weights.source() + ": holds " + describe(*detected) +
               ", not a face restoration network (" + networks + ")"};
}

}  // namespace fr
