#include "app/restore/downloader.h"

#include <cstdio>
#include <fstream>
#include <memory>
#include <new>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "core/path_text.h"

namespace fr {
namespace {

struct Transfer {
  std::ofstream* out = nullptr;
  uint64_t resumed = 0;
  const DownloadCallback* progress = nullptr;
  bool cancelled = false;
  bool write_failed = false;
  std::string callback_error;  // what the progress callback threw, if it did
};

size_t on_data(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  t->out->write(data, std::streamsize(size * count));
  if (!*t->out) {
    t->write_failed = true;
    return 0;
  }
  return size * count;
}

// Called from inside libcurl (C code): nothing may be thrown through it, so an exception of
// the progress callback stops the transfer and is reported after it.
int on_progress(void* user, curl_off_t total, curl_off_t now, curl_off_t, curl_off_t) {
  auto* t = static_cast<Transfer*>(user);
  if (!*t->progress) return 0;
  DownloadProgress p;
  p.received = t->resumed + uint64_t(now);
  p.total = total > 0 ? t->resumed + uint64_t(total) : 0;
  try {
    if (!(*t->progress)(p)) {
      t->cancelled = true;
      return 1;
    }
  } catch (const std::exception& e) {
    t->callback_error = e.what();
    return 1;
  } catch (...) {
    t->callback_error = "an unknown exception";
    return 1;
  }
  return 0;
}

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;

Result<DownloadResult> download(const DownloadRequest& request, const DownloadCallback& progress);

}  // namespace

Result<std::string> sha256_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error{path_text(path) + ": cannot be read"};
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx || EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) {
    EVP_MD_CTX_free(ctx);
    return Error{"SHA-256 is not available"};
  }
  std::vector<char> buf(1 << 20);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    if (in.gcount() > 0) EVP_DigestUpdate(ctx, buf.data(), size_t(in.gcount()));
  }
  unsigned char digest[32];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx, digest, &len);
  EVP_MD_CTX_free(ctx);
  char hex[65];
  for (int i = 0; i < 32; ++i) std::snprintf(hex + 2 * i, 3, "%02x", digest[i]);
  return std::string(hex, 64);
}

Result<DownloadResult> download_file(const DownloadRequest& request,
                                     const DownloadCallback& progress) {
  try {
    return download(request, progress);
  } catch (const std::bad_alloc&) {
    return Error{"downloading " + path_text(request.target.filename()) + ": out of memory",
                 ErrorKind::out_of_memory};
  } catch (const std::exception& e) {
    return Error{"downloading " + path_text(request.target.filename()) + ": " + e.what()};
  }
}

namespace {

// download_file's work; it may throw (std::bad_alloc), download_file may not.
Result<DownloadResult> download(const DownloadRequest& request, const DownloadCallback& progress) {
  static const bool curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  if (!curl_ready) return Error{"the network library could not start"};
  const std::string name = path_text(request.target.filename());
  std::error_code ec;
  std::filesystem::create_directories(request.target.parent_path(), ec);
  if (ec)
    return Error{path_text(request.target.parent_path()) + ": cannot create the folder (" +
                 ec.message() + ")"};
  auto part = request.target;
  part += ".part";

  Transfer t;
  t.progress = &progress;
  t.resumed = std::filesystem::exists(part, ec) ? std::filesystem::file_size(part, ec) : 0;
  if (request.size && t.resumed > *request.size) {  // not a prefix of this file
    std::filesystem::remove(part, ec);
    t.resumed = 0;
  }

  CurlHandle handle(curl_easy_init(), &curl_easy_cleanup);
  CURL* curl = handle.get();
  if (!curl) return Error{"the network library could not start"};
  long status = 0;
  CURLcode rc = CURLE_OK;
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::ofstream out(part, std::ios::binary | (t.resumed ? std::ios::app : std::ios::trunc));
    if (!out) return Error{path_text(part) + ": cannot be written"};
    t.out = &out;
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);  // give up after 60 s without data
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "FaceRestore");
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(curl, CURLOPT_XFERINFODATA, &t);
    if (t.resumed) curl_easy_setopt(curl, CURLOPT_RESUME_FROM_LARGE, curl_off_t(t.resumed));
    rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    out.close();
    // A server that ignores the range sends the whole file again (200): start over.
    if (rc == CURLE_OK && t.resumed && status == 200) {
      std::filesystem::remove(part, ec);
      t.resumed = 0;
      continue;
    }
    break;
  }
  handle.reset();

  if (!t.callback_error.empty())
    return Error{"download of " + name + " stopped: " + t.callback_error +
                 "; it resumes where it stopped next time"};
  if (t.cancelled)
    return Error{"download of " + name + " cancelled; it resumes where it stopped next time"};
  if (t.write_failed) return Error{path_text(part) + ": writing failed (disk full?)"};
  if (rc != CURLE_OK) {
    const uint64_t have =
        std::filesystem::exists(part, ec) ? std::filesystem::file_size(part, ec) : 0;
    return Error{"download of " + name + " from " + request.url + " failed after " +
                 std::to_string(have >> 20) + " MiB (" + curl_easy_strerror(rc) +
                 (status ? ", HTTP " + std::to_string(status) : std::string()) +
                 "); run it again to resume"};
  }

  const uint64_t size = std::filesystem::file_size(part, ec);
  if (request.size && size != *request.size) {
    std::filesystem::remove(part, ec);
    return Error{name + " has " + std::to_string(size) + " bytes, expected " +
                 std::to_string(*request.size) + "; the file was not kept"};
  }
  auto digest = sha256_file(part);
  if (!digest) return digest.error();
  DownloadResult result;
  result.sha256 = *digest;
  if (request.sha256) {
    if (*digest != *request.sha256) {
      std::filesystem::remove(part, ec);
      return Error{name + " does not match its published checksum (SHA-256 " + *digest +
                   ", expected " + *request.sha256 + "); the file was not kept"};
    }
    result.verified = true;
  }
  std::filesystem::rename(part, request.target, ec);
  if (ec)
    return Error{path_text(request.target) + ": cannot be moved into place (" + ec.message() + ")"};
  return result;
}

}  // namespace

}  // namespace fr
