#include "services/imports/import_log.h"

#include "storage/transaction.h"

namespace openiom {

void RecordFailedImport(Database& database, const AuditTrail& audit, const Actor& actor, std::string_view action,
                        ImportRun run, int64_t rows_read, int64_t rows_rejected, const Status& failure,
                        const Clock& clock) {
  run.id = 0;
  run.outcome = failure.code() == StatusCode::kInvalidArgument ? ImportOutcome::kRejected : ImportOutcome::kFailed;
  run.finished_at = clock.Now();
  run.rows_read = rows_read;
  run.rows_rejected = rows_rejected;
  run.rows_loaded = run.rows_skipped = run.people_created = 0;
  run.message = failure.message();
  (void)database.Write([&](Transaction& transaction) -> Status {
    ASSIGN_OR_RETURN(int64_t id, transaction.Get<ImportRunRepository>().Create(run));
    return audit.Append(transaction, actor,
                        {action, ObjectKind::kFile, run.file_name, AuditOutcome::kFailure,
                         "import run " + std::to_string(id) + " " + std::string(ImportOutcomeCode(run.outcome))});
  });
}

}  // namespace openiom
