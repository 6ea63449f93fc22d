// The scoring configuration: RFG parameters and nomination rules, from a JSON file (docs/scoring.md). Every
// field is optional; what is left out keeps its default.
//
// {
//   "rfg": {"window_days": 365, "frequency_cap": 10, "qualifying_kinds": ["arrest"],
//           "weights": {"recency": 30, "frequency": 40, "gravity": 30}},
//   "rules": [{"name": "acquisitive-4", "explanation": "...", "min_acquisitive_events": 4, "min_age": 18,
//              "not_in_cohort": true}, ...],
//   "gravity": {"shoplifting": 2},               (overrides data/reference/offence_scoring.csv)
//   "acquisitive_categories": ["shoplifting"],   (replaces the offence categories' acquisitive flags)
//   "keep_runs": 10
// }
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/selection/nomination.h"
#include "analytics/selection/rfg.h"
#include "common/status.h"
#include "domain/reference/offence_scoring.h"
#include "domain/reference/reference_data.h"

namespace openiom {

struct ScoringConfig {
  RfgParameters rfg;
  std::vector<NominationRule> rules = DefaultNominationRules();
  std::map<std::string, int> gravity;  // category -> 1-4, overriding the reference file's default
  std::optional<std::vector<std::string>> acquisitive_categories;  // replaces the categories' acquisitive flags
  int keep_runs = 10;  // score runs kept in the database
};

// The reference figures with the configuration's gravity applied.
OffenceScoringTable ScoringTableFor(const ScoringConfig& config);
// `catalogue` (the database's, or the built-in one) with the configuration's acquisitive categories applied.
OffenceCategoryCatalogue CategoriesFor(const ScoringConfig& config, const OffenceCategoryCatalogue& catalogue);

// InvalidArgument naming the JSON path ("rules[1].min_age: ...") when something is wrong or unknown.
Result<ScoringConfig> ParseScoringConfig(std::string_view json);
// The configuration as JSON (stored with each score run, so a result can always be traced to its parameters).
std::string ScoringConfigJson(const ScoringConfig& config);

}  // namespace openiom
