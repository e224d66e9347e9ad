#include "models/upscaler.h"

#include <vector>

#include "models/image_network.h"
#include "models/network_registry.h"

namespace fr {

Result<ImageU8> Upscaler::upscale(const ImageU8View& bgr) {
  return run_image_network(
      be_, bgr, 0.0f, [&](const Tensor& x) { return forward(x); }, "background upscaling");
}

Result<TileMemory> Upscaler::measure_tile_memory() {
  constexpr int kProbeSide = 64;
  const int multiple = input_multiple();
  const int side = (kProbeSide + multiple - 1) / multiple * multiple;
  const std::vector<uint8_t> probe(size_t(side) * side * 3, 128);
  be_.reset_peak_memory();
  const int64_t held = be_.peak_memory_bytes();
  auto out = upscale({probe.data(), side, side, int64_t(side) * 3});
  if (!out) return out.error();
  const double pixels = double(side) * side;
  TileMemory m;
  if (held >= 0) m.bytes_per_pixel = double(be_.peak_memory_bytes() - held) / pixels;
  if (be_.largest_tensor_bytes() > 0)
    m.largest_tensor_per_pixel = double(be_.largest_tensor_bytes()) / pixels;
  be_.release_cached_memory();
  m.free_bytes = be_.free_memory_bytes();
  m.max_tensor_bytes = be_.max_tensor_bytes();
  return m;
}

Result<std::unique_ptr<Upscaler>> load_upscaler(const WeightStore& weights, Backend& backend) {
  auto row = row_of_role(weights, NetworkRole::background_upscaler, "an upscaler");
  if (!row) return row.error();
  return (*row)->load_upscaler(weights, backend);
}

}  // namespace fr
