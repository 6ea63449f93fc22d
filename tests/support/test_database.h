// The database a test runs against. scripts/test runs each database suite twice: with OPENIOM_TEST_DB unset
// (a fresh SQLite file per test) and with OPENIOM_TEST_DB=postgresql://... (that database emptied per test).
#pragma once

#include <memory>
#include <string>

#include "storage/database.h"
#include "support/temp_dir.h"

namespace openiom::testing {

class TestDatabase {
 public:
  // Prepares an empty database (no schema). Aborts the test binary if PostgreSQL cannot be reached: a suite
  // that was asked for PostgreSQL must not quietly pass on SQLite.
  TestDatabase();

  Backend backend() const { return backend_; }
  const std::string& url() const { return url_; }
  // Opens it (creating the SQLite file).
  std::unique_ptr<Database> Open(int pool_size = 2) const;
  // Opens it and applies the migrations and reference data, as `openiom migrate` does.
  std::unique_ptr<Database> OpenMigrated(int pool_size = 2) const;

 private:
  TempDir dir_;
  Backend backend_;
  std::string url_;
};

// Runs raw SQL against a database URL, bypassing OpenIOM: for tests that play an attacker with database access
// (tampering with the audit trail). Aborts the test binary on a connection failure; returns the error otherwise.
std::string ExecuteSql(const std::string& url, const std::string& sql);

// "sqlite" or "postgresql": which backend this run of the suite is for (for test names and messages).
std::string BackendUnderTest();

}  // namespace openiom::testing
