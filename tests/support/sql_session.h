// A connection of its own to the test database, bypassing OpenIOM, kept open across statements: for tests that
// play another client holding locks or open transactions, or that watch the server's own views (pg_locks).
#pragma once

#include <string>

struct pg_conn;
struct sqlite3;

namespace openiom::testing {

class SqlSession {
 public:
  // `url` as TestDatabase::url(). Aborts the test binary if it cannot connect.
  explicit SqlSession(const std::string& url);
  ~SqlSession();
  SqlSession(const SqlSession&) = delete;
  SqlSession& operator=(const SqlSession&) = delete;

  // Runs `sql` (one or more statements); returns "" or the error message.
  std::string Execute(const std::string& sql);
  // Runs one query and returns the first column of its first row ("" when there is none; the error when it
  // fails, prefixed "error: ").
  std::string Value(const std::string& sql);

 private:
  pg_conn* postgres_ = nullptr;
  sqlite3* sqlite_ = nullptr;
};

}  // namespace openiom::testing
