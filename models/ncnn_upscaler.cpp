#include "models/ncnn_upscaler.h"

#include "core/path_text.h"

namespace fr {
namespace {

class NcnnUpscaler final : public Upscaler {
 public:
  NcnnUpscaler(Backend& backend, std::unique_ptr<NcnnNet> net, int scale, std::string description)
      : Upscaler(backend),
        net_(std::move(net)),
        scale_(scale),
        description_(std::move(description)) {}

  int scale() const override { return scale_; }
  std::string describe() const override { return description_; }
  Result<Tensor> forward(const Tensor& x) override { return net_->forward(x); }

 private:
  std::unique_ptr<NcnnNet> net_;
  int scale_;
  std::string description_;
};

}  // namespace

Result<std::unique_ptr<Upscaler>> load_ncnn_upscaler(const NcnnModel& model, Backend& backend,
                                                     const std::filesystem::path& param) {
  const std::string name = path_text(param);
  auto net = NcnnNet::load(model, backend);
  if (!net) return net.error();
  const int probe = 16;
  auto y = (*net)->forward(backend.upload(HostTensor(Shape{1, 3, probe, probe})));
  if (!y) return Error{name + ": the graph cannot run on a 16×16 image: " + y.error().message};
  const Shape out = y->shape();
  if (out.c != 3 || out.h % probe || out.w != out.h || out.h < probe)
    return Error{name + ": not an image upscaler (a 3×16×16 input gives " + out.str() + ")"};
  const int scale = out.h / probe;
  return std::unique_ptr<Upscaler>(std::make_unique<NcnnUpscaler>(
      backend, std::move(*net), scale,
      "ncnn graph " + path_text(param.filename()) + " (×" + std::to_string(scale) + ")"));
}

}  // namespace fr
