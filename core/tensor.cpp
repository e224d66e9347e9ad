#include "core/tensor.h"

#include "core/error.h"

namespace fr {

std::string Shape::str() const {
  return "(" + std::to_string(n) + "," + std::to_string(c) + "," + std::to_string(h) + "," +
         std::to_string(w) + ")";
}

HostTensor::HostTensor(Shape s, std::vector<float> values) : shape(s), data(std::move(values)) {
  FR_CHECK(int64_t(data.size()) == shape.numel(),
           "HostTensor " + shape.str() + " given " + std::to_string(data.size()) + " values");
}

}  // namespace fr
