// Importing data.police.uk street-level crime files into the area-crime table (no person attached).
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "services/imports/import_observer.h"
#include "storage/database.h"

namespace openiom {

struct PoliceUkFile {
  std::string name;  // shown in messages and the import log
  std::istream* input = nullptr;
};

struct PoliceUkImportReport {
  int64_t import_run_id = 0;
  int64_t rows_read = 0;
  int64_t rows_added = 0;
  int64_t rows_already_present = 0;
  int64_t rows_outside_area = 0;  // read rows whose LSOA is not in Cleveland's four districts
  int64_t asb_rows = 0;           // anti-social behaviour rows (no Crime ID; keyed by content)
  int64_t rows_rejected = 0;
};

// Loads every file in one transaction, all or nothing: any invalid row (reported to the observer with its
// file, line and column) means nothing is written and InvalidArgument is returned. Rows keep their published
// crime type and are mapped to an OpenIOM category (data/reference/police_uk_crime_types.csv). A row with a
// Crime ID is keyed by it; an ASB row by a hash of its content and its occurrence number among identical
// rows of the file, so re-importing the same file adds nothing. Rows outside Cleveland are kept and marked.
// Requires Action::kImportAreaCrime; audited.
Result<PoliceUkImportReport> ImportPoliceUk(Database& database, const AuditTrail& audit, const Actor& actor,
                                            const std::vector<PoliceUkFile>& files, const Clock& clock,
                                            ImportObserver& observer);

// The stable key of a row without a Crime ID: "asb:" + SHA-256 (hex) of its fields joined by '\x1f', then
// ":" + its occurrence (1 for the first identical row in the file, 2 for the next...).
std::string AreaCrimeKeyWithoutId(const std::vector<std::string>& fields, int occurrence);

}  // namespace openiom
