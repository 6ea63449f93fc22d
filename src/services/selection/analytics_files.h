// Scoring and nomination on pseudonymised CSV files, without a database (docs/formats/analytics.md): an
// analyst's extract goes in, a scores or candidates file comes out. Nothing here reads or writes a person's
// record, so there is no actor and no audit entry; the files hold only pseudonymous ids.
#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "services/selection/scoring_config.h"

namespace openiom {

struct AnalyticsFileOptions {
  std::string persons_path;
  std::string events_path;
  std::string out_path;  // through an OutputFile (common/output_file.h): whole or not at all, mode 0600
  Date as_of{};
  ScoringConfig config;  // RFG parameters, rules, gravity and acquisitive categories (keep_runs is not used)
  int threads = 0;  // 0 = every core
};

struct AnalyticsFileReport {
  size_t people = 0;
  size_t events = 0;
  size_t rows_written = 0;
  double load_s = 0, score_s = 0, write_s = 0;
};

// Writes person_id,n,last_event_date,max_gravity,r,f,g,rfg,harm,cost for everyone with n >= 1, by RFG descending
// then person_id.
Result<AnalyticsFileReport> ScoreFiles(const AnalyticsFileOptions& options);

enum class CandidatesFormat { kCsv, kJson };
// Writes the people for whom at least one rule fires (nobody is in a cohort in file mode), in RFG order, with
// the rules and their reasons: person_id,rules,rfg,n,acquisitive_n,last_event_date,max_gravity,harm,cost,reasons.
Result<AnalyticsFileReport> CandidatesFromFiles(const AnalyticsFileOptions& options, CandidatesFormat format);

}  // namespace openiom
