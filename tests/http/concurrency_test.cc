// A slow request (a big import) must not stall other users.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <thread>

#include "support/http_client.h"
#include "support/openiom_server.h"
#include "support/sql_session.h"
#include "support/test_database.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::HttpRequest;

TEST(Concurrency, PeopleAreServedWhileALargeImportRuns) {
  testing::TestDatabase database;
  // Showing a person writes its audit entry. PostgreSQL has many writers; SQLite one at a time, so its import
  // matches the file without the write lock and takes it only to write the staged rows (issue 8 defect 12).
  database.OpenMigrated();
  const std::string password = "correct horse battery";
  ASSERT_EQ(testing::RunOpeniom(OPENIOM_BINARY, database.url(), {"agency", "add", "--name", "Police", "--kind", "police"})
                .exit_code,
            0);
  ASSERT_EQ(testing::RunOpeniom(OPENIOM_BINARY, database.url(),
                                {"user", "add", "--username", "officer", "--agency", "Police", "--role", "practitioner",
                                 "--password-stdin"},
                                password + "\n")
                .exit_code,
            0);
  const std::string header =
      "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
      "outcome,latitude,longitude,lsoa_code\n";
  ASSERT_EQ(testing::RunOpeniom(OPENIOM_BINARY, database.url(), {"import", "events", "-"},
                                header + "S0,,Seen,Person,1980-01-01,M,arrest,2026-01-01,fraud,,,,,\n")
                .exit_code,
            0);
  testing::OpeniomServer server(OPENIOM_BINARY, database.url());
  ASSERT_NE(server.port(), 0);
  const HttpReply session = HttpRequest(server.port(), "POST", "/api/v1/sessions", {{"Content-Type", "application/json"}},
                                        R"({"username":"officer","password":")" + password + R"("})");
  ASSERT_EQ(session.status, 201);
  const std::string token = std::string(json::parse(session.body).at("token").as_string());
  const std::vector<std::pair<std::string, std::string>> auth = {{"Authorization", "Bearer " + token}};

  std::string csv = header;
  for (int row = 1; row <= 100000; ++row) {
    csv += "L" + std::to_string(row) + ",,Large,Import" + std::to_string(row % 5000) +
           ",1980-01-01,M,arrest,2026-01-01,shoplifting,,charged,54.5,-1.2,E01012000\n";
  }
  std::atomic<bool> import_done{false};
  int import_status = 0;
  std::thread importer([&] {
    std::vector<std::pair<std::string, std::string>> headers = auth;
    headers.emplace_back("Content-Type", "text/csv");
    import_status = HttpRequest(server.port(), "POST", "/api/v1/imports?source=large", headers, csv).status;
    import_done = true;
  });
  // Views answered while the import is still running show it is not holding everyone else up.
  int served_during_import = 0, failed = 0;
  while (!import_done) {
    const HttpReply view = HttpRequest(server.port(), "GET", "/api/v1/people/1", auth);
    if (view.status != 200) ++failed;
    if (!import_done) ++served_during_import;
  }
  importer.join();
  EXPECT_EQ(import_status, 200);
  EXPECT_EQ(failed, 0);
  EXPECT_GE(served_during_import, 10) << "views waited for the import";
}

// Issue 8 defect 12: while a long SQLite import held the write lock, pages and API calls waited 30 s for it (to
// write their audit entry) and then answered 500, logged only as an internal error. A busy database is a reason
// to come back later: 503 with Retry-After, page and API alike.
TEST(Concurrency, ABusySqliteDatabaseIsAnswered503WithRetryAfter) {
  testing::TestDatabase database;
  if (database.backend() != Backend::kSqlite) GTEST_SKIP() << "SQLite's single writer";
  database.OpenMigrated();
  const std::string password = "correct horse battery";
  ASSERT_EQ(
      testing::RunOpeniom(OPENIOM_BINARY, database.url(), {"agency", "add", "--name", "Police", "--kind", "police"})
          .exit_code,
      0);
  ASSERT_EQ(testing::RunOpeniom(OPENIOM_BINARY, database.url(),
                                {"user", "add", "--username", "officer", "--agency", "Police", "--role", "practitioner",
                                 "--password-stdin"},
                                password + "\n")
                .exit_code,
            0);
  testing::OpeniomServer server(OPENIOM_BINARY, database.url(), {"--db-busy-timeout", "1"});
  ASSERT_NE(server.port(), 0);
  const HttpReply session =
      HttpRequest(server.port(), "POST", "/api/v1/sessions", {{"Content-Type", "application/json"}},
                  R"({"username":"officer","password":")" + password + R"("})");
  ASSERT_EQ(session.status, 201);
  const std::string token = std::string(json::parse(session.body).at("token").as_string());
  testing::WebSession browser(server.port());
  ASSERT_EQ(browser.SignIn("officer", password).status, 303);

  // Another connection (an import) holds the write lock for longer than the server's busy timeout.
  testing::SqlSession importer(database.url());
  ASSERT_EQ(importer.Execute("BEGIN IMMEDIATE"), "");
  const std::vector<std::pair<std::string, std::string>> auth = {{"Authorization", "Bearer " + token}};
  const HttpReply api = HttpRequest(server.port(), "GET", "/api/v1/people?q=Smith", auth);
  EXPECT_EQ(api.status, 503) << api.body;
  EXPECT_EQ(api.Header("retry-after"), "30");
  EXPECT_EQ(json::parse(api.body).at("error").at("code").as_string(), "unavailable") << api.body;
  const HttpReply page = browser.Get("/people?q=Smith");
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.Header("retry-after"), "30");
  EXPECT_NE(page.body.find("Sorry, the service is busy"), std::string::npos) << page.body;
  ASSERT_EQ(importer.Execute("ROLLBACK"), "");

  // Once the lock is free, the same requests are answered.
  EXPECT_EQ(HttpRequest(server.port(), "GET", "/api/v1/people?q=Smith", auth).status, 200);
  EXPECT_EQ(browser.Get("/people?q=Smith").status, 200);
}

}  // namespace
}  // namespace openiom
