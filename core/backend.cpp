// The Backend's shared machinery: the error state, the input checks every op's contract uses
// (core/ops/<op>.cpp), upload and download.
#include "core/backend.h"

#include <new>

#include "core/logging.h"

namespace fr {

Status Backend::status() const {
  if (error_) return *error_;
  return {};
}

void Backend::fail(std::string message, ErrorKind kind) {
  if (error_) return;
  log()->error("{}: {}", name(), message);
  error_ = Error{std::move(message), kind};
}

Error Backend::error_from_exception(const char* op, const std::exception& e) const {
  if (dynamic_cast<const std::bad_alloc*>(&e))
    return Error{std::string(op) + ": out of memory", ErrorKind::out_of_memory};
  return Error{std::string(op) + ": " + e.what()};
}

bool Backend::stopped() {
  if (error_) return true;
  if (cancel_ && cancel_->load(std::memory_order_relaxed)) {
    error_ = Error{kCancelledMessage,
                   ErrorKind::cancelled};  // not logged as an error: the user asked for it
    return true;
  }
  return false;
}

void Backend::check_input(const Tensor& t, const char* op) const {
  FR_CHECK(!t.empty(), std::string(op) + ": empty input tensor while the backend is healthy");
  FR_CHECK(t.owner() == this, std::string(op) + ": tensor belongs to another backend");
}

void Backend::check_channel_tensor(const Tensor& t, int channels, const char* op) const {
  if (t.empty()) return;
  check_input(t, op);
  FR_CHECK(t.shape().numel() == channels, std::string(op) + ": per-channel tensor " +
                                              t.shape().str() + " for " + std::to_string(channels) +
                                              " channels");
}

void Backend::check_activation(const Activation& act, int channels, const char* op) const {
  if (act.kind != ActKind::prelu) return;
  FR_CHECK(!act.prelu_slopes.empty(), std::string(op) + ": prelu without slopes");
  check_channel_tensor(act.prelu_slopes, channels, op);
}

Tensor Backend::upload(const HostTensor& host) {
  if (stopped()) return {};
  FR_CHECK(int64_t(host.data.size()) == host.shape.numel() && host.shape.numel() > 0,
           "upload: " + host.shape.str() + " with " + std::to_string(host.data.size()) + " values");
  return guarded("upload", [&] { return run_upload(host); });
}

Result<HostTensor> Backend::download(const Tensor& t) {
  if (failed()) return *error_;
  check_input(t, "download");
  return guarded("download", [&] { return run_download(t); });
}

}  // namespace fr
