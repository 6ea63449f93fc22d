#include "web/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/http_client.h"

namespace openiom::web {
namespace {

using namespace std::chrono_literals;

// A slow request (a big report, an import) must not stall other users: handlers run on worker threads.
TEST(HttpServer, ASlowRequestDoesNotBlockOthers) {
  std::promise<void> release_slow;
  std::shared_future<void> released = release_slow.get_future().share();
  std::atomic<bool> slow_started{false}, slow_finished{false};
  auto server = HttpServer::Start({.bind_address = "127.0.0.1", .port = 0, .worker_threads = 2},
                                  [&](HttpRequest& request) {
                                    if (request.path == "/slow") {
                                      slow_started = true;
                                      released.wait_for(10s);
                                      slow_finished = true;
                                      return HttpResponse::Text(200, "slow");
                                    }
                                    return HttpResponse::Text(200, "fast");
                                  });
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const int port = (*server)->port();
  std::thread slow_client([&] { EXPECT_EQ(testing::HttpRequest(port, "GET", "/slow").body, "slow"); });
  while (!slow_started) std::this_thread::sleep_for(1ms);

  const testing::HttpReply fast = testing::HttpRequest(port, "GET", "/fast");
  EXPECT_EQ(fast.body, "fast");
  EXPECT_FALSE(slow_finished) << "the fast request waited for the slow one";

  release_slow.set_value();
  slow_client.join();
  EXPECT_TRUE(slow_finished);
  (*server)->Stop();
  (*server)->Wait();
}

// A client that opens a connection and sends nothing must not hold it (and a worker) for ever.
TEST(HttpServer, ClosesConnectionsThatSendNothing) {
  auto server = HttpServer::Start({.port = 0, .read_timeout = std::chrono::seconds{1}},
                                  [](HttpRequest&) { return HttpResponse::Text(200, "ok"); });
  ASSERT_TRUE(server.ok());
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons((*server)->port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  const std::string partial = "GET / HTTP/1.1\r\nHost: x\r\n";  // and then silence
  ASSERT_EQ(send(fd, partial.data(), partial.size(), 0), static_cast<ssize_t>(partial.size()));
  timeval wait{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  const auto started = std::chrono::steady_clock::now();
  char buffer[256];
  const ssize_t received = recv(fd, buffer, sizeof buffer, 0);
  const auto waited = std::chrono::steady_clock::now() - started;
  close(fd);
  EXPECT_EQ(received, 0) << "the server closes the connection";
  EXPECT_LT(waited, std::chrono::seconds{4}) << "after its read timeout, not the client's";
}

TEST(HttpServer, AHandlerExceptionBecomesA500) {
  auto server = HttpServer::Start({.port = 0}, [](HttpRequest&) -> HttpResponse { throw std::runtime_error("bug"); });
  ASSERT_TRUE(server.ok());
  const testing::HttpReply reply = testing::HttpRequest((*server)->port(), "GET", "/");
  EXPECT_EQ(reply.status, 500);
  EXPECT_EQ(reply.body, "Internal server error\n");
}

TEST(HttpServer, RefusesABadBindAddress) {
  auto server = HttpServer::Start({.bind_address = "not-an-address", .port = 0}, [](HttpRequest&) {
    return HttpResponse::Text(200, "");
  });
  EXPECT_EQ(server.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace openiom::web
