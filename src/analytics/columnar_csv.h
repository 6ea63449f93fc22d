// Loads pseudonymised analytics files (docs/formats/analytics.md) straight into the columnar tables, using
// every core: the events file is cut into byte ranges at line boundaries and parsed in parallel, read in
// blocks rather than mapped so memory stays well under the file's size.
//
// persons.csv: person_id,date_of_birth,gender
// events.csv:  event_id,person_id,event_date,kind,category[,offence_date]
//
// All or nothing: any bad row fails the load with errors naming the file, line, column and reason.
#pragma once

#include <string>

#include "analytics/columns.h"
#include "common/status.h"

namespace openiom {

struct AnalyticsTables {
  PersonColumns people;
  PersonIdIndex person_index;
  EventColumns events;
};

// Up to `max_errors` problems are listed in the returned status's message, one per line, in file order.
Result<AnalyticsTables> LoadAnalyticsCsv(const std::string& persons_path, const std::string& events_path,
                                         const CategoryColumns& categories, int threads, int max_errors = 20);

}  // namespace openiom
