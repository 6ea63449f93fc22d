// Importing an events CSV: validate every row, match rows to people, and load the events, all or nothing.
#pragma once

#include <cstdint>
#include <istream>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "services/imports/import_observer.h"
#include "storage/database.h"
#include "storage/imports/import_run_repository.h"

namespace openiom {

struct EventImportOptions {
  std::string source_system = "events-csv";  // with source_id, identifies a record across re-imports
  std::string file_name;                     // for messages and the import log
  bool accept_good_rows = false;             // load the valid rows even when others are invalid
  size_t batch_rows = 5000;                  // rows matched and written per round trip
};

struct EventImportReport {
  int64_t import_run_id = 0;
  ImportOutcome outcome = ImportOutcome::kLoaded;
  int64_t rows_read = 0;
  int64_t events_added = 0;
  int64_t events_already_present = 0;  // identical rows from an earlier import of the same source
  int64_t rows_rejected = 0;
  int64_t people_created = 0;
  int64_t rows_matched_to_people = 0;  // rows matched to a person stored before or met earlier in the file
  int64_t identifiers_added = 0;
  int64_t aliases_added = 0;
};

// Reads an events CSV (docs/formats/events.md) from `input` and loads it in one transaction.
//
// Each row is matched to a person by PNC ID, otherwise by surname + forenames + date of birth
// (case-insensitive), otherwise a new person is created. A row whose (source, source_id) is already stored
// with the same details is skipped, so re-importing a file adds nothing.
//
// Every invalid row is passed to observer.OnRejectedRow with all its problems, in line order. Without
// options.accept_good_rows, any invalid row means nothing is written: the report's outcome is kRejected and
// RejectionMessage() says so. With it, the valid rows are loaded (outcome kPartlyLoaded). The result is an
// error only when the file could not be processed: unreadable CSV, an empty file or a wrong header
// (InvalidArgument naming the line; a wrong header's problems also go to observer.OnHeaderRejected), or a
// database failure. Every attempt is recorded in the import log.
// "3 of 120 rows are invalid; nothing was imported".
std::string RejectionMessage(const EventImportReport& report);

// Requires Action::kImportEvents (PermissionDenied otherwise); the attempt and its outcome are audited.
Result<EventImportReport> ImportEvents(Database& database, const AuditTrail& audit, const Actor& actor,
                                       std::istream& input, const EventImportOptions& options, const Clock& clock,
                                       ImportObserver& observer);

}  // namespace openiom
