#include "core/backend.h"

#include "core/logging.h"

namespace fr {

Status Backend::status() const {
  if (error_) return *error_;
  return {};
}

void Backend::fail(std::string message) {
  if (error_) return;
  log()->error("{}: {}", name(), message);
  error_ = Error{std::move(message)};
}

void Backend::check_input(const Tensor& t, const char* op) const {
  FR_CHECK(!t.empty(), std::string(op) + ": empty input tensor while the backend is healthy");
  FR_CHECK(t.owner() == this, std::string(op) + ": tensor belongs to another backend");
}

}  // namespace fr
