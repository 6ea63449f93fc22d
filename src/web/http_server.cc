// The only file that includes Boost.Beast (it is slow to compile): adapts Beast to HttpRequest/HttpResponse.
#include "web/http_server.h"

#include <atomic>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>

#include "web/status_http.h"

namespace openiom::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::ip::tcp;
using asio::use_awaitable;

constexpr size_t kHeaderLimitBytes = 16 * 1024;

HttpRequest ToHttpRequest(http::request<http::string_body>& in, const std::string& remote) {
  HttpRequest request;
  request.method = std::string(in.method_string());
  request.target = std::string(in.target());
  const size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) request.query = request.target.substr(question + 1);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(in.body());
  request.remote_address = remote;
  return request;
}

http::response<http::string_body> ToBeastResponse(HttpResponse&& out, unsigned version, bool keep_alive, bool head,
                                                  const std::function<void(HttpResponse&)>& finish) {
  if (finish) finish(out);
  http::response<http::string_body> response{static_cast<http::status>(out.status), version};
  response.set(http::field::server, "OpenIOM");
  for (auto& [name, value] : out.headers) {
    // Handlers build headers with SetHeader, which strips line breaks; check again for any added directly.
    if (value.find_first_of("\r\n") != std::string::npos) continue;
    response.insert(name, value);  // insert: several Set-Cookie may go out
  }
  response.keep_alive(keep_alive);
  if (head) {
    response.content_length(out.body.size());
  } else {
    response.body() = std::move(out.body);
    response.prepare_payload();
  }
  return response;
}

HttpResponse PlainError(int status, std::string text) { return HttpResponse::Text(status, std::move(text)); }

class BeastServer final : public HttpServer {
 public:
  BeastServer(const HttpServerOptions& options, HttpHandler handler)
      : options_(options), handler_(std::move(handler)), workers_(static_cast<size_t>(options.worker_threads)),
        acceptor_(io_), signals_(io_, SIGINT, SIGTERM) {}

  ~BeastServer() override {
    Stop();
    if (io_thread_.joinable()) io_thread_.join();
    workers_.join();
  }

  Status Listen() {
    beast::error_code error;
    const auto address = asio::ip::make_address(options_.bind_address, error);
    if (error) return Status::InvalidArgument("--bind '" + options_.bind_address + "' is not an IP address");
    const tcp::endpoint endpoint{address, options_.port};
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(asio::socket_base::max_listen_connections, error);
    if (error) {
      return Status::Unavailable("cannot listen on " + options_.bind_address + ":" +
                                 std::to_string(options_.port) + ": " + error.message());
    }
    port_ = acceptor_.local_endpoint().port();
    signals_.async_wait([this](const beast::error_code&, int) { Stop(); });
    asio::co_spawn(io_, Accept(), asio::detached);
    io_thread_ = std::thread([this] { io_.run(); });
    return Status::Ok();
  }

  uint16_t port() const override { return port_; }

  void Wait() override {
    if (io_thread_.joinable()) io_thread_.join();
  }

  void Stop() override {
    if (stopped_.exchange(true)) return;
    asio::post(io_, [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      signals_.cancel(ignored);
      io_.stop();
    });
  }

 private:
  awaitable<void> Accept() {
    while (acceptor_.is_open()) {
      beast::error_code error;
      tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(use_awaitable, error));
      if (error) {
        if (!acceptor_.is_open()) co_return;
        continue;
      }
      asio::co_spawn(io_, Session(beast::tcp_stream(std::move(socket))), asio::detached);
    }
  }

  awaitable<void> Session(beast::tcp_stream stream) {
    beast::flat_buffer buffer;
    beast::error_code error;
    std::string remote;
    {
      auto endpoint = stream.socket().remote_endpoint(error);
      if (!error) remote = endpoint.address().to_string();
    }
    while (true) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(kHeaderLimitBytes);
      // Beast checks Content-Length against the limit while reading the header, so start with the larger one.
      parser.body_limit(std::max(options_.body_limit_bytes, options_.upload_limit_bytes));
      stream.expires_after(options_.read_timeout);
      // Read the header first: the body limit depends on where the request goes.
      co_await http::async_read_header(stream, buffer, parser, asio::redirect_error(use_awaitable, error));
      if (!error) {
        const std::string_view target(parser.get().target().data(), parser.get().target().size());
        bool upload = false;
        for (const std::string& path : options_.upload_paths) upload |= target == path || target.starts_with(path + "?");
        if (upload && options_.may_upload) {
          HttpRequest head = ToHttpRequest(parser.get(), remote);
          upload = co_await asio::co_spawn(
              workers_, [this, &head]() -> awaitable<bool> { co_return Allowed(head); }, use_awaitable);
        }
        const size_t limit = upload ? options_.upload_limit_bytes : options_.body_limit_bytes;
        parser.body_limit(limit);  // enforced as chunks arrive; a declared length is checked here
        if (parser.content_length() && *parser.content_length() > limit) {
          error = http::error::body_limit;
        } else {
          co_await http::async_read(stream, buffer, parser, asio::redirect_error(use_awaitable, error));
        }
      }
      if (error == http::error::end_of_stream || error == beast::error::timeout) break;
      if (error == http::error::body_limit || error == http::error::header_limit) {
        const bool body = error == http::error::body_limit;
        const bool api = parser.get().target().starts_with("/api/");  // the request line is read before any limit
        HttpResponse refusal =
            api ? (body ? JsonError(413, "payload_too_large", "the request body is too large")
                        : JsonError(431, "headers_too_large", "the request headers are too large"))
                : PlainError(body ? 413 : 431, body ? "Request body too large\n" : "Request headers too large\n");
        auto response = ToBeastResponse(std::move(refusal), 11, false, false, options_.finish_response);
        co_await http::async_write(stream, response, asio::redirect_error(use_awaitable, error));
        break;
      }
      if (error) {
        if (error != asio::error::operation_aborted && error != asio::error::connection_reset) {
          auto response = ToBeastResponse(PlainError(400, "Bad request\n"), 11, false, false, options_.finish_response);
          co_await http::async_write(stream, response, asio::redirect_error(use_awaitable, error));
        }
        break;
      }
      http::request<http::string_body> message = parser.release();
      const bool keep_alive = message.keep_alive();
      const unsigned version = message.version();
      const bool head = message.method() == http::verb::head;
      HttpRequest request = ToHttpRequest(message, remote);

      // Run the handler on the worker pool: database work and page rendering must not hold up the I/O thread.
      // (co_spawn on the pool's executor; a bare post(workers_) would resume this coroutine on the I/O thread.)
      const auto started = std::chrono::steady_clock::now();
      HttpResponse response = co_await asio::co_spawn(
          workers_, [this, &request]() -> awaitable<HttpResponse> { co_return Handle(request); }, use_awaitable);
      const auto elapsed_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count();
      // The path only: query strings may carry names or dates of birth.
      spdlog::info("{} {} {} {}ms", request.method, request.path, response.status, elapsed_ms);

      auto out = ToBeastResponse(std::move(response), version, keep_alive, head, options_.finish_response);
      stream.expires_after(options_.read_timeout);
      co_await http::async_write(stream, out, asio::redirect_error(use_awaitable, error));
      if (error || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  bool Allowed(const HttpRequest& head) {
    try {
      return options_.may_upload(head);
    } catch (const std::exception& error) {
      spdlog::error("deciding on an upload to {} failed: {}", head.path, error.what());
      return false;
    }
  }

  HttpResponse Handle(HttpRequest& request) {
    try {
      return handler_(request);
    } catch (const std::exception& error) {
      spdlog::error("unhandled exception for {} {}: {}", request.method, request.path, error.what());
      return PlainError(500, "Internal server error\n");
    }
  }

  HttpServerOptions options_;
  HttpHandler handler_;
  asio::io_context io_{1};
  asio::thread_pool workers_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  std::thread io_thread_;
  uint16_t port_ = 0;
  std::atomic<bool> stopped_{false};
};

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const HttpServerOptions& options, HttpHandler handler) {
  auto server = std::make_unique<BeastServer>(options, std::move(handler));
  RETURN_IF_ERROR(server->Listen());
  return std::unique_ptr<HttpServer>(std::move(server));
}

}  // namespace openiom::web
