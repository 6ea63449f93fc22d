#include "services/import_log.h"

#include "storage/transaction.h"

namespace openiom {

void RecordFailedImport(Database& database, ImportRun run, int64_t rows_read, int64_t rows_rejected,
                        const Status& failure, const Clock& clock) {
  run.id = 0;
  run.outcome = failure.code() == StatusCode::kInvalidArgument ? ImportOutcome::kRejected : ImportOutcome::kFailed;
  run.finished_at = clock.Now();
  run.rows_read = rows_read;
  run.rows_rejected = rows_rejected;
  run.rows_loaded = run.rows_skipped = run.people_created = 0;
  run.message = failure.message();
  (void)database.Write([&](Transaction& transaction) { return transaction.import_runs().Create(run).status(); });
}

}  // namespace openiom
