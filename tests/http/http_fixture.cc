#include "http/http_fixture.h"

#include <boost/json.hpp>

#include <regex>

namespace openiom::testing {

void HttpFixture::SetUpSite(const std::vector<TestAgency>& agencies, const std::vector<TestUser>& users) {
  database_ = new TestDatabase();
  database_->OpenMigrated();
  for (const TestAgency& agency : agencies) {
    const ProcessResult added = Openiom({"agency", "add", "--name", agency.name, "--kind", agency.kind});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
  for (const TestUser& user : users) {
    std::vector<std::string> args = {"user",      "add",    "--username", user.username,     "--agency",
                                     user.agency, "--role", user.role,    "--password-stdin"};
    if (!user.display_name.empty()) args.insert(args.end(), {"--name", user.display_name});
    const ProcessResult added = Openiom(args, std::string(kPassword) + "\n");
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }
}

void HttpFixture::StartServer(std::vector<std::string> extra_args) {
  server_ = new OpeniomServer(OPENIOM_BINARY, database_->url(), std::move(extra_args));
  port_ = server_->port();
  ASSERT_NE(port_, 0) << "the server did not start";
}

void HttpFixture::TearDownTestSuite() {
  // The server first: it holds the database open.
  delete server_;
  server_ = nullptr;
  port_ = 0;
  delete database_;
  database_ = nullptr;
}

ProcessResult HttpFixture::Openiom(std::vector<std::string> args, const std::string& input) {
  return RunOpeniom(OPENIOM_BINARY, database_->url(), std::move(args), input);
}

HttpReply HttpFixture::Call(const std::string& method, const std::string& target, const std::string& token,
                            const std::string& body, std::vector<std::pair<std::string, std::string>> headers,
                            const std::string& content_type) {
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  if (!body.empty()) headers.emplace_back("Content-Type", content_type);
  return HttpRequest(port_, method, target, headers, body);
}

std::string HttpFixture::Token(const std::string& username) {
  namespace json = boost::json;
  const HttpReply reply = Call("POST", "/api/v1/sessions", "",
                               json::serialize(json::object{{"username", username}, {"password", kPassword}}));
  EXPECT_EQ(reply.status, 201) << reply.body;
  return reply.status == 201 ? std::string(json::parse(reply.body).at("token").as_string()) : "";
}

std::string HttpFixture::PersonId(const std::string& surname, const std::string& reader) {
  namespace json = boost::json;
  const HttpReply found = Call("GET", "/api/v1/people?q=" + surname, Token(reader));
  const json::array items = json::parse(found.body).at("items").as_array();
  EXPECT_EQ(items.size(), 1u) << found.body;
  return items.empty() ? "0" : std::to_string(items[0].at("id").as_int64());
}

WebSession HttpFixture::SignedIn(const std::string& username) {
  WebSession session(port_);
  EXPECT_EQ(session.SignIn(username, kPassword).status, 303) << username;
  return session;
}

int64_t HttpFixture::AuditEntries() {
  const ProcessResult verify = Openiom({"audit", "verify"});
  std::smatch match;
  std::regex_search(verify.out, match, std::regex(R"((\d+) entries)"));
  return std::stoll(match[1]);
}

}  // namespace openiom::testing
