#include "storage/soci_support.h"

#include <gtest/gtest.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

namespace openiom::storage_internal {
namespace {

struct PostgresErrorCase {
  const char* sqlstate;
  const char* message;
  StatusCode code;
  const char* says;
};

// Issue 8 defect 10: a statement cut off by its statement_timeout (and the other "not now" failures) is a reason
// to try again later, not an internal error.
TEST(TranslateError, APostgresStatementPastItsTimeLimitOrALockNotGrantedIsUnavailable) {
  const PostgresErrorCase cases[] = {
      {"57014", "ERROR:  canceling statement due to statement timeout", StatusCode::kUnavailable,
       "the database took too long; try again later"},
      {"55P03", "ERROR:  could not obtain lock on relation \"event\"", StatusCode::kUnavailable,
       "the database is busy; try again later"},
      {"40P01", "ERROR:  deadlock detected", StatusCode::kUnavailable, "the database is busy; try again later"},
      {"25P03", "FATAL:  terminating connection due to idle-in-transaction timeout", StatusCode::kUnavailable,
       "the database connection was lost"},
      {"08006", "server closed the connection unexpectedly", StatusCode::kUnavailable,
       "the database connection was lost"},
      {"23505", "ERROR:  duplicate key value violates unique constraint", StatusCode::kConflict, "duplicate key"},
      {"42601", "ERROR:  syntax error at or near \"SELEC\"", StatusCode::kInternal, "syntax error"},
  };
  for (const PostgresErrorCase& test : cases) {
    const Status status = TranslateError(soci::postgresql_soci_error(test.message, test.sqlstate), "listing people");
    EXPECT_EQ(status.code(), test.code) << test.sqlstate << ": " << status.ToString();
    EXPECT_TRUE(status.message().starts_with("listing people: ")) << status.message();
    EXPECT_NE(status.message().find(test.says), std::string::npos) << test.sqlstate << ": " << status.message();
  }
}

// Issue 8 defect 12: SQLite's write lock held by another connection past the busy timeout (an import) is "busy,
// try again", which the web answers with 503 and Retry-After, not an internal error.
TEST(TranslateError, SqliteBusyOrLockedIsUnavailable) {
  for (const int code : {SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_SNAPSHOT}) {
    const Status status =
        TranslateError(soci::sqlite3_soci_error("database is locked", code), "recording an audit entry");
    EXPECT_EQ(status.code(), StatusCode::kUnavailable) << code << ": " << status.ToString();
    EXPECT_NE(status.message().find("the database is busy"), std::string::npos) << status.message();
  }
  EXPECT_EQ(TranslateError(soci::sqlite3_soci_error("disk I/O error", SQLITE_IOERR), "storing events").code(),
            StatusCode::kInternal);
}

}  // namespace
}  // namespace openiom::storage_internal
