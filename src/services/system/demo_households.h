// Internal to services/system/: the demo caseload's households and relationships (demo_households.cc).
#pragma once

#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"

namespace openiom {

class Transaction;
struct DemoCaseloadReport;

// Links some of the demo cohort `members` (in the loader's order, most prolific first) in `transaction`: two
// siblings in the cohort living together, with a third's recorded address changed to theirs so the page suggests
// adding them; a partnership that ended, now an ex-partner link with domestic abuse noted and the stay in the
// household ended; three co-defendants; and a parent and child both in the cohort. Needs at least ten members (adds
// nothing with fewer). Counts what it adds in report.households and report.relationships.
Status AddDemoHouseholds(Transaction& transaction, const std::vector<PersonId>& members, Date as_of, Timestamp now,
                         DemoCaseloadReport& report);

}  // namespace openiom
