// Downloads a model file over HTTP(S): progress and cancel through a callback, resume of an
// interrupted transfer (the partial file <target>.part is kept), size and SHA-256 checked,
// and the file moved into place only once verified. Used by the CLI and the GUI; runs on the
// caller's thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/error.h"

namespace fr {

struct DownloadRequest {
  std::string url;
  std::filesystem::path target;
  std::optional<std::string> sha256;  // lower-case hex; checked when present
  std::optional<uint64_t> size;       // checked when present
};

struct DownloadProgress {
  uint64_t received = 0;  // bytes of the file so far, resumed bytes included
  uint64_t total = 0;     // 0 if unknown
};

// Called from the downloading thread; return false to cancel.
using DownloadCallback = std::function<bool(const DownloadProgress&)>;

struct DownloadResult {
  std::string sha256;     // of the file as written
  bool verified = false;  // the request carried a SHA-256 and it matched
};

Result<DownloadResult> download_file(const DownloadRequest& request,
                                     const DownloadCallback& progress = {});

// SHA-256 of a file's contents, lower-case hex.
Result<std::string> sha256_file(const std::filesystem::path& path);

}  // namespace fr
