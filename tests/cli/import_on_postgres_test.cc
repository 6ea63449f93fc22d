// Imports on PostgreSQL when things go wrong around them: a killed importer, tables without planner
// statistics. PostgreSQL only (these are PostgreSQL's behaviours); skipped in the SQLite run of the suite.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "domain/people/identifier.h"
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

  // `rows` valid rows, each of a different person with a PNC ID, source ids R1..RN; then `extra`.
  std::string PncEventsFile(const std::string& name, int rows, const std::string& extra = "") {
    std::string csv(kHeader);
    for (int row = 1; row <= rows; ++row) {
      const std::string pnc = fmt::format("2001/{:07d}{}", row, PoliceCheckLetter(1 * 10'000'000LL + row));
      csv += fmt::format("R{},{},Person{},Row,1980-01-{:02},M,arrest,2026-01-05,shoplifting,,,,,\n", row, pnc, row,
                         row % 28 + 1);
    }
    return dir_.WriteFile(name, csv + extra);
  }

  // Rows of identifier read (by sequential and index scans) and rows inserted into event, as the server has
  // counted them so far.
  struct Counters {
    long long identifier_rows_read = 0;
    long long events_inserted = 0;
  };
  Counters Read(SqlSession& session) {
    return {std::stoll(session.Value("SELECT COALESCE(seq_tup_read, 0) + COALESCE(idx_tup_fetch, 0) "
                                     "FROM pg_stat_user_tables WHERE relname = 'identifier'")),
            std::stoll(session.Value("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'event'"))};
  }
  // Waits until the server has counted `events` inserts into event: a backend reports its counts when its client
  // has gone, a moment after the client exits.
  Counters ReadOnceCounted(SqlSession& session, long long events) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    Counters counters = Read(session);
    while (counters.events_inserted < events && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      counters = Read(session);
    }
    EXPECT_EQ(counters.events_inserted, events);
    return counters;
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

// Issue 8 defect 11: a retried import on tables without planner statistics (after a failed first import and an
// autovacuum that did not analyse) compared every row of each batch with every stored PNC ID, and took over 15
// minutes instead of seconds. Counted in rows the server read, which do not depend on the machine's speed.
TEST_F(ImportOnPostgresTest, ARetriedImportOnTablesWithoutStatisticsLooksEachRowUp) {
  constexpr int kRows = 30000;  // six batches
  SqlSession session(database_.url());
  // Only the import may analyse these tables during the test, not the server's autovacuum.
  for (const char* table : {"person", "identifier", "person_alias", "event"}) {
    ASSERT_EQ(session.Execute(fmt::format("ALTER TABLE {} SET (autovacuum_enabled = false)", table)), "");
  }
  // The first import writes every batch, then meets a bad last row and is rolled back.
  const std::string failing = PncEventsFile(
      "failing.csv", kRows, "BAD,,Person,Row,1980-13-01,M,arrest,2026-01-05,shoplifting,,,,,\n");
  const ProcessResult first = testing::RunOpeniom(OPENIOM_BINARY, database_.url(), {"import", "events", failing});
  ASSERT_EQ(first.exit_code, 2) << first.err;
  ASSERT_EQ(session.Execute("VACUUM person, identifier, person_alias, event"), "");
  ASSERT_EQ(session.Value("SELECT COUNT(*) FROM pg_stats WHERE tablename IN ('person', 'identifier', 'event')"), "0")
      << "the test needs tables without statistics";
  const Counters before = ReadOnceCounted(session, kRows);

  const ProcessResult retry =
      testing::RunOpeniom(OPENIOM_BINARY, database_.url(), {"import", "events", PncEventsFile("retry.csv", kRows)});
  ASSERT_EQ(retry.exit_code, 0) << retry.err;
  EXPECT_NE(retry.out.find(fmt::format("{} events added", kRows)), std::string::npos) << retry.out;
  const Counters after = ReadOnceCounted(session, 2 * kRows);
  // Each row's PNC ID is new, so looking it up in the identifier index reads no stored row; a nested loop over
  // the stored PNC IDs reads all of them again for each batch.
  EXPECT_LT(after.identifier_rows_read - before.identifier_rows_read, kRows / 10)
      << "rows of identifier read for a " << kRows << "-row import";
}

}  // namespace
}  // namespace openiom
