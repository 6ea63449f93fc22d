#include "support/test_database.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>

#include "services/system/database_admin.h"

namespace openiom::testing {
namespace {

std::string PostgresUrl() {
  const char* url = std::getenv("OPENIOM_TEST_DB");
  return url && std::string(url).starts_with("postgres") ? url : "";
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "test database: %s\n", message.c_str());
  std::abort();
}

// Drops everything in the public schema so each test starts from nothing.
void ResetPostgres(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) Die(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn));
  PGresult* result = PQexec(conn, "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS public CASCADE; "
                                   "CREATE SCHEMA public;");
  if (PQresultStatus(result) != PGRES_COMMAND_OK) Die(std::string("cannot reset schema: ") + PQerrorMessage(conn));
  PQclear(result);
  PQfinish(conn);
}

}  // namespace

std::string ExecuteSql(const std::string& url, const std::string& sql) {
  if (url.starts_with("sqlite:")) {
    sqlite3* db = nullptr;
    if (sqlite3_open(url.substr(7).c_str(), &db) != SQLITE_OK) Die("cannot open " + url);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    std::string message = rc == SQLITE_OK ? "" : (error ? error : "error");
    sqlite3_free(error);
    sqlite3_close(db);
    return message;
  }
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) Die(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn));
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  std::string message = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQerrorMessage(conn);
  PQclear(result);
  PQfinish(conn);
  return message;
}

std::string BackendUnderTest() { return PostgresUrl().empty() ? "sqlite" : "postgresql"; }

TestDatabase::TestDatabase() {
  const std::string postgres = PostgresUrl();
  if (postgres.empty()) {
    backend_ = Backend::kSqlite;
    url_ = "sqlite:" + (dir_.path() / "test.db").string();
  } else {
    backend_ = Backend::kPostgresql;
    url_ = postgres;
    ResetPostgres(url_);
  }
}

std::unique_ptr<Database> TestDatabase::Open(int pool_size) const {
  auto database = Database::Open(url_, {.pool_size = pool_size, .create_if_missing = true});
  if (!database.ok()) Die(database.status().ToString());
  return std::move(database).value();
}

std::unique_ptr<Database> TestDatabase::OpenMigrated(int pool_size) const {
  std::unique_ptr<Database> database = Open(pool_size);
  auto report = MigrateDatabase(*database);
  if (!report.ok()) Die(report.status().ToString());
  return database;
}

}  // namespace openiom::testing
