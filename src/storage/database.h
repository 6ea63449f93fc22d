// The database: a pool of connections to SQLite or PostgreSQL, transactions, and schema migrations.
//
// Callers see only repository interfaces (person_repository.h, ...). SOCI, SQL and driver exceptions stay
// inside storage/: every failure comes back as a Status (a unique-key violation as kConflict, a lost
// connection as kUnavailable).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace openiom {

class Transaction;

enum class Backend { kSqlite, kPostgresql };
// "sqlite" or "postgresql".
std::string_view BackendName(Backend backend);

struct DatabaseOptions {
  int pool_size = 4;
  // SQLite only: create the file when it does not exist (migrate does; other commands should not).
  bool create_if_missing = false;
  // SQLite only: how long a transaction waits for another connection's write lock before it fails as
  // Unavailable ("the database is busy").
  int sqlite_busy_timeout_seconds = 30;
};

// What a transaction is for, which sets how long each of its statements may run on PostgreSQL before the
// server cancels it (kUnavailable, "the database took too long"). SQLite has no such limit.
enum class Workload {
  kInteractive,  // pages, API calls, short commands: someone is waiting, so a slow statement is a fault
  kBulk,         // imports, scoring, demo data: statements over whole tables or large batches
};

struct Migration {
  int version;
  std::string_view name;            // from the file names, NNNN_name[.sqlite|.postgresql].sql (migration_script.h)
  std::string_view sql;             // NNNN_name.sql, for both backends (may be empty)
  std::string_view sqlite_sql;      // then NNNN_name.sqlite.sql on SQLite only (may be empty)
  std::string_view postgresql_sql;  // or NNNN_name.postgresql.sql on PostgreSQL only (may be empty)
};

class Database {
 public:
  // `url` is "sqlite:PATH" or a PostgreSQL URI ("postgresql://user:pass@host:port/db").
  // InvalidArgument for any other form; Unavailable when the database cannot be opened or reached;
  // NotFound when a SQLite file does not exist and options.create_if_missing is false.
  static Result<std::unique_ptr<Database>> Open(std::string_view url, DatabaseOptions options = {});
  virtual ~Database() = default;

  virtual Backend backend() const = 0;

  // Runs `work` in one transaction on a pooled connection and commits if `work` returns ok; rolls back
  // otherwise (also when anything throws). Returns work's status, or the failure to commit.
  // A write transaction takes SQLite's write lock at the start (BEGIN IMMEDIATE) so it never fails halfway
  // on lock upgrade; use read transactions for reads so readers do not queue behind writers.
  // `workload` sets how long each statement may run (PostgreSQL); without it, kInteractive.
  // Thread-safe: each call leases its own connection.
  virtual Status Write(Workload workload, const std::function<Status(Transaction&)>& work) = 0;
  virtual Status Read(Workload workload, const std::function<Status(Transaction&)>& work) = 0;
  // Runs `stage` and then `publish` with one Transaction on one connection, so what `stage` leaves in the
  // transaction's repositories (their state, temporary tables) is there for `publish`. Long bulk work that only
  // needs the write lock for its end goes in `stage`. On SQLite `stage` runs in a read transaction (one snapshot,
  // no write lock: other connections write meanwhile) and `publish` in a write transaction begun after it, so
  // `publish` must check that nothing `stage` relied on has changed since. On PostgreSQL, where a long
  // transaction does not hold up other writers, both run in one write transaction. Nothing is committed unless
  // both return ok.
  virtual Status StagedWrite(Workload workload, const std::function<Status(Transaction&)>& stage,
                             const std::function<Status(Transaction&)>& publish) = 0;
  Status Write(const std::function<Status(Transaction&)>& work) { return Write(Workload::kInteractive, work); }
  Status Read(const std::function<Status(Transaction&)>& work) { return Read(Workload::kInteractive, work); }

  // Version of the newest applied migration; 0 for an empty database.
  virtual Result<int> SchemaVersion() = 0;
  // Applies every migration newer than SchemaVersion(), each in its own transaction, and returns their
  // versions. FailedPrecondition if the database is newer than this build.
  virtual Result<std::vector<int>> Migrate() = 0;

  // The migrations compiled into this build (src/storage/migrations/, see migration_script.h), oldest first.
  // InvalidArgument when a file there is misnamed or the versions have a gap or a duplicate; Migrate() and
  // LatestSchemaVersion() then fail with it.
  static const Result<std::vector<Migration>>& Migrations();
  static Result<int> LatestSchemaVersion();
};

}  // namespace openiom
