// The import log's record of an attempt that failed: the import's own transaction was rolled back, so the
// attempt is written in a transaction of its own.
#pragma once

#include <cstdint>

#include "common/clock.h"
#include "common/status.h"
#include "storage/database.h"
#include "services/audit/audit_trail.h"
#include "storage/imports/import_run_repository.h"

namespace openiom {

// Records `run` (as it stood when the import started) as rejected (InvalidArgument) or failed (anything else),
// with the rows read and rejected and the error's message (nothing counts as loaded), and the attempt in the
// audit trail under `action`. Best effort: the caller reports `failure`, not a problem writing the log.
void RecordFailedImport(Database& database, const AuditTrail& audit, const Actor& actor, std::string_view action,
                        ImportRun run, int64_t rows_read, int64_t rows_rejected, const Status& failure,
                        const Clock& clock);

}  // namespace openiom
