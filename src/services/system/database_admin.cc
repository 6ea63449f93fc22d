#include "services/system/database_admin.h"

#include <fmt/format.h>

#include "domain/reference/reference_data.h"
#include "storage/reference/offence_category_repository.h"
#include "storage/transaction.h"

namespace openiom {

Result<MigrationReport> MigrateDatabase(Database& database) {
  MigrationReport report;
  ASSIGN_OR_RETURN(report.applied, database.Migrate());
  RETURN_IF_ERROR(database.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(report.offence_categories_added,
                     transaction.Get<OffenceCategoryRepository>().InsertMissing(
                         OffenceCategoryCatalogue::BuiltIn().categories()));
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(report.schema_version, database.SchemaVersion());
  return report;
}

Status CheckSchemaCurrent(Database& database) {
  ASSIGN_OR_RETURN(int version, database.SchemaVersion());
  ASSIGN_OR_RETURN(const int latest, Database::LatestSchemaVersion());
  if (version == latest) return Status::Ok();
  if (version > latest) {
    return Status::FailedPrecondition(
        fmt::format("the database schema (version {}) is newer than this openiom ({}); upgrade openiom", version,
                    latest));
  }
  return Status::FailedPrecondition(fmt::format(
      "the database is not migrated (schema version {}, this openiom needs {}): run 'openiom migrate' first", version,
      latest));
}

}  // namespace openiom
