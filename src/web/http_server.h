// The HTTP server: accepts connections, parses requests with limits and timeouts, runs the handler on a
// worker pool (so a slow request never blocks the sockets of other users) and writes the response.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/status.h"
#include "web/http.h"

namespace openiom::web {

struct HttpServerOptions {
  std::string bind_address = "127.0.0.1";
  uint16_t port = 8080;  // 0 picks a free port (see HttpServer::port())
  int worker_threads = 4;
  size_t body_limit_bytes = 1 << 20;  // larger bodies get 413...
  size_t upload_limit_bytes = 64 << 20;  // ...except on these paths (file uploads)
  std::vector<std::string> upload_paths = {"/import", "/api/v1/imports"};
  // Decides, from the header alone (no body yet), whether a request to an upload path may send the larger body:
  // a file must not be taken in from someone who is not signed in. Runs on a worker. Default: yes.
  std::function<bool(const HttpRequest& head)> may_upload;
  // Applied to every response, including those the server makes itself (413, 400, 500): security headers.
  std::function<void(HttpResponse&)> finish_response;
  std::chrono::seconds read_timeout{30};
};

class HttpServer {
 public:
  // Binds and starts serving. Unavailable when the address cannot be bound (e.g. the port is in use).
  static Result<std::unique_ptr<HttpServer>> Start(const HttpServerOptions& options, HttpHandler handler);
  virtual ~HttpServer() = default;

  virtual uint16_t port() const = 0;
  // Blocks until Stop() is called or the process receives SIGINT or SIGTERM.
  virtual void Wait() = 0;
  virtual void Stop() = 0;
};

}  // namespace openiom::web
