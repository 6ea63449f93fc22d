// Database over SOCI: connection pool, per-connection settings, transactions and migrations.
#include <filesystem>
#include <mutex>

#include <fmt/format.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/migration_script.h"
#include "storage/soci_support.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

using storage_internal::TranslateError;

constexpr std::string_view kCreateMigrationTable =
    "CREATE TABLE IF NOT EXISTS schema_migration (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)";
constexpr std::string_view kSqliteHasMigrationTable =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'";
constexpr std::string_view kPostgresHasMigrationTable =
    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() "
    "AND table_name = 'schema_migration'";
constexpr std::string_view kSelectSchemaVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_migration";
constexpr std::string_view kInsertMigration =
    "INSERT INTO schema_migration (version, name, applied_at) VALUES (:version, :name, CAST(CURRENT_TIMESTAMP AS TEXT))";
// Any constant will do; it only has to be the same in every openiom process.
constexpr long long kMigrationLockKey = 0x4f70656e494f4d01;

// PostgreSQL notices that a client has gone only when it next talks to it, so a killed import's backend kept
// running its statement (and holding the import lock) for as long as the statement took. These make the server
// check the client's socket every second while a statement runs, and end a session that sits idle inside a
// transaction (a hung or stopped client) rather than let it hold its locks for ever.
constexpr std::string_view kPostgresSessionSettings[] = {
    "SET client_connection_check_interval TO '1s'",
    "SET idle_in_transaction_session_timeout TO '60s'",
};
// The longest one statement may run. Someone waits for an interactive transaction and none of its statements
// should take more than milliseconds, so a runaway one is cut off before it has held locks and a connection for
// minutes. Bulk work (an import's batch, scoring's read of every event) is given far longer, but not for ever.
constexpr std::string_view kInteractiveStatementTimeout = "SET LOCAL statement_timeout TO '30s'";
constexpr std::string_view kBulkStatementTimeout = "SET LOCAL statement_timeout TO '10min'";

class SociTransaction final : public Transaction {
 public:
  SociTransaction(soci::session& sql, Backend backend) : repositories_(sql, backend) {}

  Backend backend() const override { return repositories_.backend(); }

 protected:
  storage_internal::RepositorySource& repositories() override { return repositories_; }

 private:
  storage_internal::RepositorySource repositories_;
};

class SociDatabase final : public Database {
 public:
  SociDatabase(Backend backend, std::string connect_string, int pool_size)
      : backend_(backend), connect_string_(std::move(connect_string)), pool_size_(pool_size), pool_(pool_size) {}

  Status Connect() {
    for (int i = 0; i < pool_size_; ++i) {
      try {
        soci::session& sql = pool_.at(static_cast<size_t>(i));
        sql.open(backend_ == Backend::kSqlite ? *soci::factory_sqlite3() : *soci::factory_postgresql(),
                 connect_string_);
        Configure(sql);
      } catch (const soci::soci_error& error) {
        return Status::Unavailable(fmt::format("cannot open the {} database: {}", BackendName(backend_),
                                               OneLine(error.get_error_message())));
      }
    }
    return Status::Ok();
  }

  Backend backend() const override { return backend_; }

  using Database::Read;
  using Database::Write;
  Status Write(Workload workload, const std::function<Status(Transaction&)>& work) override {
    return Run(true, workload, work);
  }
  Status Read(Workload workload, const std::function<Status(Transaction&)>& work) override {
    return Run(false, workload, work);
  }
  Status StagedWrite(Workload workload, const std::function<Status(Transaction&)>& stage,
                     const std::function<Status(Transaction&)>& publish) override {
    return WithSession([&](soci::session& sql) -> Status {
      SociTransaction transaction(sql, backend_);
      if (backend_ == Backend::kPostgresql) {
        return InTransaction(sql, true, workload, [&]() -> Status {
          RETURN_IF_ERROR(stage(transaction));
          return publish(transaction);
        });
      }
      RETURN_IF_ERROR(InTransaction(sql, false, workload, [&]() { return stage(transaction); }));
      return InTransaction(sql, true, workload, [&]() { return publish(transaction); });
    });
  }

  Result<int> SchemaVersion() override {
    return WithSession([&](soci::session& sql) -> Result<int> { return CurrentVersion(sql); });
  }

  Result<std::vector<int>> Migrate() override {
    return WithSession([&](soci::session& sql) -> Result<std::vector<int>> {
      // Two processes migrating at once must not both apply the same step.
      if (backend_ == Backend::kPostgresql) sql << "SELECT pg_advisory_lock(" << kMigrationLockKey << ")";
      struct Unlock {
        soci::session& sql;
        Backend backend;
        ~Unlock() {
          if (backend != Backend::kPostgresql) return;
          try {
            sql << "SELECT pg_advisory_unlock(" << kMigrationLockKey << ")";
          } catch (const soci::soci_error&) {  // the session is going away; the lock goes with it
          }
        }
      } unlock{sql, backend_};
      const Result<std::vector<Migration>>& migrations = Migrations();
      if (!migrations.ok()) return migrations.status();
      sql << kCreateMigrationTable;
      const int current = CurrentVersion(sql);
      const int latest = migrations->back().version;
      if (current > latest) {
        return Status::FailedPrecondition(fmt::format(
            "the database schema is version {}, newer than this openiom knows ({}); upgrade openiom", current, latest));
      }
      std::vector<int> applied;
      for (const Migration& migration : *migrations) {
        if (migration.version <= current) continue;
        sql << (backend_ == Backend::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN");
        try {
          // Read again under the write lock: another `openiom migrate` may have applied it meanwhile.
          if (CurrentVersion(sql) >= migration.version) {
            sql << "COMMIT";
            continue;
          }
          for (std::string_view script :
               {migration.sql, backend_ == Backend::kSqlite ? migration.sqlite_sql : migration.postgresql_sql}) {
            for (const std::string& statement : MigrationStatements(script, backend_)) sql << statement;
          }
          const std::string name(migration.name);
          sql << kInsertMigration, soci::use(migration.version, "version"), soci::use(name, "name");
          sql << "COMMIT";
        } catch (...) {
          RollbackQuietly(sql);
          throw;
        }
        applied.push_back(migration.version);
      }
      return applied;
    });
  }

 private:
  // Driver messages span lines ("Cannot establish connection...\n<libpq's reason>"); keep them on one.
  static std::string OneLine(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    for (char& c : text) {
      if (c == '\n') c = ' ';
    }
    return text;
  }

  void Configure(soci::session& sql) {
    if (backend_ == Backend::kSqlite) {
      sql << "PRAGMA journal_mode = WAL";
      sql << "PRAGMA foreign_keys = ON";
      sql << "PRAGMA synchronous = NORMAL";  // safe with WAL: a crash loses at most the last commits, never corrupts
      // A 32 MiB page cache per connection (the default is 2 MiB): imports and reports touch many pages, and
      // reading them through the kernel on every miss dominated a 1M-row import.
      sql << "PRAGMA cache_size = -32768";
    } else {
      sql << "SET client_min_messages TO warning";
      sql << "SET TimeZone TO 'UTC'";
      sql << "SET DateStyle TO 'ISO, YMD'";
      for (std::string_view setting : kPostgresSessionSettings) sql << setting;
    }
  }

  int CurrentVersion(soci::session& sql) {
    int tables = 0;
    sql << (backend_ == Backend::kSqlite ? kSqliteHasMigrationTable : kPostgresHasMigrationTable), soci::into(tables);
    if (tables == 0) return 0;
    int version = 0;
    sql << kSelectSchemaVersion, soci::into(version);
    return version;
  }

  static void RollbackQuietly(soci::session& sql) {
    try {
      sql << "ROLLBACK";
    } catch (const soci::soci_error&) {  // nothing more to undo
    }
  }

  // Leases a connection, re-connecting it if the server dropped it, and translates driver errors.
  template <typename F>
  auto WithSession(F&& body) -> decltype(body(std::declval<soci::session&>())) {
    try {
      soci::session sql(pool_);
      if (!sql.is_connected()) {
        sql.reconnect();
        Configure(sql);
      }
      return body(sql);
    } catch (const soci::soci_error& error) {
      return TranslateError(error, "database");
    } catch (const std::exception& error) {
      return Status::Internal(error.what());
    }
  }

  Status Run(bool write, Workload workload, const std::function<Status(Transaction&)>& work) {
    return WithSession([&](soci::session& sql) -> Status {
      SociTransaction transaction(sql, backend_);
      return InTransaction(sql, write, workload, [&]() { return work(transaction); });
    });
  }

  // Runs `work` between BEGIN and COMMIT (ROLLBACK when it fails or throws).
  Status InTransaction(soci::session& sql, bool write, Workload workload, const std::function<Status()>& work) {
    // Reads see one snapshot on PostgreSQL too (SQLite's transactions always do): a read that spans several
    // queries, such as loading everyone for scoring, never sees an import half-way.
    sql << (backend_ == Backend::kSqlite ? (write ? "BEGIN IMMEDIATE" : "BEGIN")
                                         : (write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    Status status;
    try {
      if (backend_ == Backend::kPostgresql) {
        sql << (workload == Workload::kBulk ? kBulkStatementTimeout : kInteractiveStatementTimeout);
      }
      status = work();
      if (status.ok()) {
        sql << "COMMIT";
      } else {
        RollbackQuietly(sql);
      }
    } catch (...) {
      RollbackQuietly(sql);
      throw;
    }
    return status;
  }

  Backend backend_;
  std::string connect_string_;
  int pool_size_;
  soci::connection_pool pool_;
};

// SOCI 4.0's PostgreSQL backend splits its connection string at spaces and '=' and rebuilds it, which breaks
// libpq's URI form. So the URI is parsed here with libpq's own parser into keyword=value pairs. The rebuild
// cannot carry a value with spaces or quotes; such a password can come from PGPASSWORD or ~/.pgpass instead.
Result<std::string> PostgresKeywordString(std::string_view url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(std::string(url).c_str(), &error);
  if (options == nullptr) {
    // libpq's reason quotes the offending part of the URL, which may be the password: say only what is expected.
    if (error) PQfreemem(error);
    return Status::InvalidArgument(
        "the PostgreSQL URL is not valid; expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE[?PARAMETERS]");
  }
  std::string keywords;
  std::string unsupported;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (option->val == nullptr || *option->val == '\0') continue;
    const std::string_view value = option->val;
    if (value.find_first_of(" \t'\"\\") != std::string_view::npos) unsupported = option->keyword;
    keywords += fmt::format("{}{}={}", keywords.empty() ? "" : " ", option->keyword, value);
  }
  PQconninfoFree(options);
  if (!unsupported.empty()) {
    return Status::InvalidArgument(fmt::format(
        "the PostgreSQL URL's {} contains a space, quote or backslash, which the database driver cannot pass on; "
        "give such a password in PGPASSWORD or ~/.pgpass instead",
        unsupported));
  }
  return keywords;
}

}  // namespace

std::string_view BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgresql";
}

const Result<std::vector<Migration>>& Database::Migrations() {
  static const Result<std::vector<Migration>> kMigrations = MigrationsFromFiles(EmbeddedMigrationFiles());
  return kMigrations;
}

Result<int> Database::LatestSchemaVersion() {
  const Result<std::vector<Migration>>& migrations = Migrations();
  if (!migrations.ok()) return migrations.status();
  return migrations->back().version;
}

Result<std::unique_ptr<Database>> Database::Open(std::string_view url, DatabaseOptions options) {
  std::unique_ptr<SociDatabase> database;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.starts_with("//")) path.erase(0, 2);  // tolerate sqlite://PATH
    if (path.empty()) return Status::InvalidArgument("database URL 'sqlite:' needs a file path, e.g. sqlite:var/openiom.db");
    if (path.find('"') != std::string::npos) return Status::InvalidArgument("a SQLite path may not contain '\"'");
    std::error_code error;
    if (!options.create_if_missing && !std::filesystem::exists(path, error)) {
      return Status::NotFound(
          fmt::format("database file {} does not exist (run 'openiom migrate' to create it)", path));
    }
    // timeout: seconds a connection waits for another's write lock before failing with "database is locked".
    database = std::make_unique<SociDatabase>(
        Backend::kSqlite, fmt::format("db=\"{}\" timeout={}", path, options.sqlite_busy_timeout_seconds),
        options.pool_size);
  } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    ASSIGN_OR_RETURN(std::string keywords, PostgresKeywordString(url));
    database = std::make_unique<SociDatabase>(Backend::kPostgresql, std::move(keywords), options.pool_size);
  } else {
    return Status::InvalidArgument(
        "database URL must be sqlite:PATH or postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
  }
  RETURN_IF_ERROR(database->Connect());
  return std::unique_ptr<Database>(std::move(database));
}

}  // namespace openiom
