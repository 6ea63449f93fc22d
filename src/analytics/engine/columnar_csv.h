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

#include "analytics/engine/columns.h"
#include "common/status.h"

namespace openiom {

struct AnalyticsTables {
  PersonColumns people;
  PersonIdIndex person_index;
  EventColumns events;
};

struct CsvLoadOptions {
  int max_errors = 20;                    // problems listed in the returned status's message, in file order
  size_t block_bytes = size_t{4} << 20;  // read size per thread (tests use tiny blocks to exercise carry-over)
};

Result<AnalyticsTables> LoadAnalyticsCsv(const std::string& persons_path, const std::string& events_path,
                                         const CategoryColumns& categories, int threads,
                                         const CsvLoadOptions& options = {});

}  // namespace openiom
