// Imports on PostgreSQL when things go wrong around them: a killed importer, tables without planner
// statistics. PostgreSQL only (these are PostgreSQL's behaviours); skipped in the SQLite run of the suite.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "support/openiom_server.h"
#include "support/sql_session.h"
#include "support/test_database.h"

namespace openiom {
namespace {

using testing::BackgroundProcess;
using testing::ProcessResult;
using testing::SqlSession;

constexpr std::string_view kHeader =
    "source_id,pnc_id,surname,forenames,date_of_birth,gender,event_type,event_date,offence_category,offence_date,"
    "outcome,latitude,longitude,lsoa_code\n";

// Polls `query` (one value) until it returns `wanted` or `seconds` pass; returns the last value. A generous bound
// for the server to do what it should, not a measure of how fast it does it.
std::string PollFor(SqlSession& session, const std::string& query, const std::string& wanted, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::string value = session.Value(query);
  while (value != wanted && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    value = session.Value(query);
  }
  return value;
}

// Advisory locks held in this database: the import lock is the only one an import takes.
constexpr const char* kAdvisoryLocksHeld =
    "SELECT COUNT(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
    "WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()";

class ImportOnPostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (database_.backend() != Backend::kPostgresql) GTEST_SKIP() << "PostgreSQL only";
    const ProcessResult migrate = testing::RunOpeniom(OPENIOM_BINARY, database_.url(), {"migrate"});
    ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  }

  // `rows` valid rows with distinct people and source ids `prefix`1..N.
  std::string EventsFile(const std::string& name, const std::string& prefix, int rows) {
    std::string csv(kHeader);
    for (int row = 1; row <= rows; ++row) {
      csv += fmt::format("{}{},,Person{},Row{},1980-01-{:02},M,arrest,2026-01-05,shoplifting,,,,,\n", prefix, row,
                         prefix, row, row % 28 + 1);
    }
    return dir_.WriteFile(name, csv);
  }

  testing::TestDatabase database_;
  testing::TempDir dir_;
};

// Issue 8 defect 10: after `kill -9` of an import, its backend went on waiting and working for as long as its
// statement took, holding the import lock: the next import queued behind a client that no longer existed.
TEST_F(ImportOnPostgresTest, AKilledImportFreesTheImportLockWithinSeconds) {
  const std::string file = EventsFile("events.csv", "K", 50);
  // Another client holds a lock that keeps the import's first write of events waiting inside the server, as a
  // long statement would: the import then holds its lock while its backend has a statement running.
  SqlSession holder(database_.url());
  ASSERT_EQ(holder.Execute("BEGIN; LOCK TABLE event IN SHARE MODE"), "");
  BackgroundProcess import({OPENIOM_BINARY, "import", "events", file, "--db", database_.url()});
  SqlSession observer(database_.url());
  ASSERT_EQ(PollFor(observer,
                    "SELECT COUNT(*) FROM pg_locks WHERE locktype = 'relation' AND relation = 'event'::regclass "
                    "AND NOT granted",
                    "1", 60),
            "1")
      << "the import never reached its write of events";
  ASSERT_EQ(observer.Value(kAdvisoryLocksHeld), "1") << "the waiting import holds the import lock";

  import.Kill();
  EXPECT_EQ(PollFor(observer, kAdvisoryLocksHeld, "0", 20), "0")
      << "the killed import's backend still holds the import lock";
  EXPECT_EQ(observer.Value("SELECT COUNT(*) FROM pg_locks WHERE NOT granted"), "0");
  ASSERT_EQ(holder.Execute("ROLLBACK"), "");

  // Nothing of the killed import is stored, and the next import runs at once.
  const ProcessResult next = testing::RunOpeniom(OPENIOM_BINARY, database_.url(), {"import", "events", file});
  ASSERT_EQ(next.exit_code, 0) << next.err;
  EXPECT_NE(next.out.find("50 events added"), std::string::npos) << next.out;
}

}  // namespace
}  // namespace openiom
