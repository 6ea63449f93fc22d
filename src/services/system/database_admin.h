// Schema and reference data: what `openiom migrate` does, and the check `openiom serve` makes first.
#pragma once

#include <vector>

#include "common/status.h"
#include "storage/database.h"

namespace openiom {

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call
  int schema_version = 0;
  int offence_categories_added = 0;
};

// Applies pending migrations, then adds any built-in offence categories the database lacks (existing rows
// are left alone so local changes survive).
Result<MigrationReport> MigrateDatabase(Database& database);

// Ok when the schema is at this build's version. FailedPrecondition naming what to do otherwise
// ("the database is not migrated (schema 0, this openiom needs 1): run openiom migrate").
Status CheckSchemaCurrent(Database& database);

}  // namespace openiom
