// A slow request (a big import) must not stall other users.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <atomic>
#include <thread>

#include "http/http_fixture.h"
#include "support/sql_session.h"

namespace openiom {
namespace {

namespace json = boost::json;
using testing::HttpReply;
using testing::kPassword;

// Each test has a database and a server of its own: one fills it with a large import, the other starts its
// server with a short busy timeout.
class Concurrency : public testing::HttpFixture {
 protected:
  // The one agency and user both tests need.
  static void SetUpOfficer() { SetUpSite({{"Police", "police"}}, {{"officer", "Police", "practitioner"}}); }

  void TearDown() override { TearDownTestSuite(); }
};

TEST_F(Concurrency, PeopleAreServedWhileALargeImportRuns) {
  // Showing a person writes its audit entry. PostgreSQL has many writers; SQLite one at a time, so its import
  // matches the file without the write lock and takes it only to write the staged rows (issue 8 defect 12).
  ASSERT_NO_FATAL_FAILURE(SetUpOfficer());
  const std::string header =
      "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
      "outcome,latitude,longitude,lsoa_code\n";
  ASSERT_EQ(Openiom({"import", "events", "-"}, header + "S0,,Seen,Person,1980-01-01,M,arrest,2026-01-01,fraud,,,,,\n")
                .exit_code,
            0);
  ASSERT_NO_FATAL_FAILURE(StartServer());
  const HttpReply session =
      Call("POST", "/api/v1/sessions", "", R"({"username":"officer","password":")" + std::string(kPassword) + R"("})");
  ASSERT_EQ(session.status, 201);
  const std::string token = std::string(json::parse(session.body).at("token").as_string());

  std::string csv = header;
  for (int row = 1; row <= 100000; ++row) {
    csv += "L" + std::to_string(row) + ",,Large,Import" + std::to_string(row % 5000) +
           ",1980-01-01,M,arrest,2026-01-01,shoplifting,,charged,54.5,-1.2,E01012000\n";
  }
  std::atomic<bool> import_done{false};
  int import_status = 0;
  std::thread importer([&] {
    import_status = Call("POST", "/api/v1/imports?source=large", token, csv, {}, "text/csv").status;
    import_done = true;
  });
  // Views answered while the import is still running show it is not holding everyone else up.
  int served_during_import = 0, failed = 0;
  while (!import_done) {
    const HttpReply view = Call("GET", "/api/v1/people/1", token);
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
TEST_F(Concurrency, ABusySqliteDatabaseIsAnswered503WithRetryAfter) {
  if (testing::BackendUnderTest() != "sqlite") GTEST_SKIP() << "SQLite's single writer";
  ASSERT_NO_FATAL_FAILURE(SetUpOfficer());
  ASSERT_NO_FATAL_FAILURE(StartServer({"--db-busy-timeout", "1"}));
  const HttpReply session =
      Call("POST", "/api/v1/sessions", "", R"({"username":"officer","password":")" + std::string(kPassword) + R"("})");
  ASSERT_EQ(session.status, 201);
  const std::string token = std::string(json::parse(session.body).at("token").as_string());
  testing::WebSession browser(port_);
  ASSERT_EQ(browser.SignIn("officer", kPassword).status, 303);

  // Another connection (an import) holds the write lock for longer than the server's busy timeout.
  testing::SqlSession importer(database_->url());
  ASSERT_EQ(importer.Execute("BEGIN IMMEDIATE"), "");
  const HttpReply api = Call("GET", "/api/v1/people?q=Smith", token);
  EXPECT_EQ(api.status, 503) << api.body;
  EXPECT_EQ(api.Header("retry-after"), "30");
  EXPECT_EQ(json::parse(api.body).at("error").at("code").as_string(), "unavailable") << api.body;
  const HttpReply page = browser.Get("/people?q=Smith");
  EXPECT_EQ(page.status, 503);
  EXPECT_EQ(page.Header("retry-after"), "30");
  EXPECT_NE(page.body.find("Sorry, the service is busy"), std::string::npos) << page.body;
  ASSERT_EQ(importer.Execute("ROLLBACK"), "");

  // Once the lock is free, the same requests are answered.
  EXPECT_EQ(Call("GET", "/api/v1/people?q=Smith", token).status, 200);
  EXPECT_EQ(browser.Get("/people?q=Smith").status, 200);
}

}  // namespace
}  // namespace openiom
