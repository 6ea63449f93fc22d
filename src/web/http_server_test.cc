#include "web/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

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
