// The web server from outside: a real `openiom serve` process on a free port, spoken to over TCP.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <regex>
#include <thread>

#include "common/version.h"
#include "http/http_fixture.h"

namespace openiom {
namespace {

using testing::HttpReply;
using testing::HttpRequest;

class HttpTest : public testing::HttpFixture {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NO_FATAL_FAILURE(SetUpSite({}, {}));
    ASSERT_NO_FATAL_FAILURE(StartServer());
  }
};

TEST_F(HttpTest, HealthzReportsDatabaseVersionAndSchema) {
  const HttpReply reply = HttpRequest(port_, "GET", "/healthz");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "application/json");
  const boost::json::object body = boost::json::parse(reply.body).as_object();
  EXPECT_EQ(body.at("status").as_string(), "ok");
  EXPECT_EQ(body.at("db").as_string(), testing::BackendUnderTest());
  EXPECT_EQ(body.at("version").as_string(), kVersion);
  EXPECT_EQ(body.at("schema_version").as_int64(), 13);
  EXPECT_EQ(body.size(), 4u);
}

TEST_F(HttpTest, SignInIsAnHtmlPageWithSecurityHeaders) {
  const HttpReply reply = HttpRequest(port_, "GET", "/sign-in");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(reply.body.find("<html lang=\"en\" class=\"govuk-template\">"), std::string::npos);
  EXPECT_NE(reply.body.find("<title>Sign in – OpenIOM</title>"), std::string::npos);
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff");
  EXPECT_EQ(reply.Header("referrer-policy"), "no-referrer");
  const std::string csp = reply.Header("content-security-policy");
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);
}

TEST_F(HttpTest, UnknownPathsAndWrongMethods) {
  const HttpReply missing = HttpRequest(port_, "GET", "/no/such/page");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.body.find("Page not found"), std::string::npos);
  EXPECT_EQ(missing.Header("x-content-type-options"), "nosniff");
  const HttpReply wrong_method = HttpRequest(port_, "POST", "/healthz", {}, "{}");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.Header("allow"), "GET");
  const HttpReply head = HttpRequest(port_, "HEAD", "/healthz");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
}

TEST_F(HttpTest, OversizedBodyIs413) {
  const HttpReply reply = HttpRequest(port_, "POST", "/healthz", {}, std::string(2 << 20, 'x'));
  EXPECT_EQ(reply.status, 413);
}

TEST_F(HttpTest, MalformedRequestIs400) {
  const HttpReply reply = HttpRequest(port_, "GET", "not a target");
  EXPECT_EQ(reply.status, 400);
}

TEST_F(HttpTest, ServesConcurrentClients) {
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int client = 0; client < 16; ++client) {
    clients.emplace_back([&] {
      for (int request = 0; request < 10; ++request) ok += HttpRequest(port_, "GET", "/healthz").status == 200;
    });
  }
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(ok, 160);
}

TEST(HttpServe, RefusesAPortInUse) {
  testing::TestDatabase database;
  database.OpenMigrated();
  testing::OpeniomServer first(OPENIOM_BINARY, database.url());
  ASSERT_NE(first.port(), 0);
  const testing::ProcessResult second =
      testing::RunOpeniom(OPENIOM_BINARY, database.url(), {"serve", "--port", std::to_string(first.port())});
  EXPECT_EQ(second.exit_code, 5);
  EXPECT_NE(second.err.find("cannot listen"), std::string::npos) << second.err;
}

}  // namespace
}  // namespace openiom
