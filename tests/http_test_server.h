// A minimal HTTP/1.1 server on 127.0.0.1 (a free port) for download tests: serves one body at
// every path, honours "Range: bytes=N-", and can cut the next response short. It serves
// requests one at a time on a background thread until destroyed.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fr::test {

class HttpTestServer {
 public:
  explicit HttpTestServer(std::string body);
  ~HttpTestServer();

  std::string url(const std::string& path) const;
  // The next response sends only this many body bytes, then closes the connection.
  void cut_next_response_after(size_t bytes) { cut_ = long(bytes); }
  // The Range header of each request, "" where there was none.
  std::vector<std::string> ranges() const;

 private:
  void serve();
  void handle(int client);

  std::string body_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<long> cut_{-1};
  mutable std::mutex mutex_;
  std::vector<std::string> ranges_;
  std::thread thread_;
};

}  // namespace fr::test
