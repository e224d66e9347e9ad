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
  auto row = row_of_role(weights, NetworkRole::face_restorer, "a face restoration network");
  if (!row) return row.error();
  return (*row)->load_face_network(weights, backend);
}

}  // namespace fr
