#include "support/sql_session.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

namespace openiom::testing {
namespace {

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "sql session: %s\n", message.c_str());
  std::abort();
}

}  // namespace

SqlSession::SqlSession(const std::string& url) {
  if (url.starts_with("sqlite:")) {
    if (sqlite3_open(url.substr(7).c_str(), &sqlite_) != SQLITE_OK) Die("cannot open " + url);
    return;
  }
  postgres_ = PQconnectdb(url.c_str());
  if (PQstatus(postgres_) != CONNECTION_OK)
    Die(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(postgres_));
}

SqlSession::~SqlSession() {
  if (postgres_ != nullptr) PQfinish(postgres_);
  if (sqlite_ != nullptr) sqlite3_close(sqlite_);
}

std::string SqlSession::Execute(const std::string& sql) {
  if (sqlite_ != nullptr) {
    char* error = nullptr;
    const int rc = sqlite3_exec(sqlite_, sql.c_str(), nullptr, nullptr, &error);
    std::string message = rc == SQLITE_OK ? "" : (error ? error : "error");
    sqlite3_free(error);
    return message;
  }
  PGresult* result = PQexec(postgres_, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  std::string message = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? "" : PQerrorMessage(postgres_);
  PQclear(result);
  return message;
}

std::string SqlSession::Value(const std::string& sql) {
  if (sqlite_ != nullptr) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(sqlite_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      return std::string("error: ") + sqlite3_errmsg(sqlite_);
    }
    std::string value;
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(statement, 0);
      value = text ? reinterpret_cast<const char*>(text) : "";
    } else if (rc != SQLITE_DONE) {
      value = std::string("error: ") + sqlite3_errmsg(sqlite_);
    }
    sqlite3_finalize(statement);
    return value;
  }
  PGresult* result = PQexec(postgres_, sql.c_str());
  std::string value;
  if (PQresultStatus(result) != PGRES_TUPLES_OK) {
    value = std::string("error: ") + PQerrorMessage(postgres_);
  } else if (PQntuples(result) > 0) {
    value = PQgetvalue(result, 0, 0);
  }
  PQclear(result);
  return value;
}

}  // namespace openiom::testing
