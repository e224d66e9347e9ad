// Error values for everything that touches files, devices or user input.
// Programmer mistakes (wrong shapes passed by our own code) use FR_CHECK instead,
// which throws std::logic_error so that a bug never takes the GUI down with it.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace fr {

// What kind of failure an error is, for the callers that recover from some of them: the
// pipeline halves its tiles after out_of_memory and moves to another device after
// device_lost (app/restore/pipeline.h). Everything else is `general`.
enum class ErrorKind {
  general,
  cancelled,      // the user asked to stop
  out_of_memory,  // device or host memory ran out
  device_lost,    // the GPU stopped responding; its backend cannot be used again
  not_finite,     // a network produced NaN or infinite values
};

// A message a user can act on: what failed, on what, and what to do if known.
struct Error {
  std::string message;
  ErrorKind kind = ErrorKind::general;
};

// `error` with `context + ": "` before its message, keeping its kind.
inline Error with_context(const std::string& context, const Error& error) {
  return Error{context + ": " + error.message, error.kind};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

[[noreturn]] void throw_check_failure(const char* expr, const char* file, int line,
                                      const std::string& detail);

}  // namespace fr

// Always on: a failed check is a bug in FaceRestore, reported as std::logic_error.
#define FR_CHECK(cond, detail)                                                 \
  do {                                                                         \
    if (!(cond)) ::fr::throw_check_failure(#cond, __FILE__, __LINE__, detail); \
  } while (0)
