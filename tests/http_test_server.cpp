#include "tests/http_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace fr::test {

HttpTestServer::HttpTestServer(std::string body) : body_(std::move(body)) {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (listener_ < 0 || bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listener_, 4) != 0)
    throw std::runtime_error("test HTTP server: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

HttpTestServer::~HttpTestServer() {
  stop_ = true;
  thread_.join();
  close(listener_);
}

std::string HttpTestServer::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<std::string> HttpTestServer::ranges() const {
  std::lock_guard lock(mutex_);
  return ranges_;
}

void HttpTestServer::serve() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    handle(client);
    close(client);
  }
}

void HttpTestServer::handle(int client) {
  std::string request;
  char buf[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(client, buf, sizeof buf, 0);
    if (n <= 0) return;
    request.append(buf, size_t(n));
  }
  std::string range;
  if (auto pos = request.find("\r\nRange: "); pos != std::string::npos)
    range = request.substr(pos + 9, request.find("\r\n", pos + 2) - pos - 9);
  {
    std::lock_guard lock(mutex_);
    ranges_.push_back(range);
  }
  size_t from = 0;
  if (range.rfind("bytes=", 0) == 0) from = std::stoul(range.substr(6));
  std::string head;
  if (from > 0 && from < body_.size()) {
    head = "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes " + std::to_string(from) + "-" +
           std::to_string(body_.size() - 1) + "/" + std::to_string(body_.size()) + "\r\n";
  } else {
    from = 0;
    head = "HTTP/1.1 200 OK\r\n";
  }
  head +=
      "Content-Length: " + std::to_string(body_.size() - from) + "\r\nConnection: close\r\n\r\n";
  size_t send_bytes = body_.size() - from;
  if (const long cut = cut_.exchange(-1); cut >= 0) send_bytes = std::min(send_bytes, size_t(cut));
  send(client, head.data(), head.size(), MSG_NOSIGNAL);
  send(client, body_.data() + from, send_bytes, MSG_NOSIGNAL);
}

}  // namespace fr::test
