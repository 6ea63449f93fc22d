// Nomination rules: who should the panel consider for the IOM cohort? Each rule is named, explained in words,
// and says why it fired for a person, so a practitioner can answer "why was this person proposed?".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analytics/selection/rfg.h"
#include "common/status.h"

namespace openiom {

// A rule fires when every condition it sets holds. Conditions left at their "unset" value are not checked.
struct NominationRule {
  std::string name;                 // e.g. "acquisitive-4"
  std::string explanation;          // shown on screen
  int min_events = 0;               // qualifying events in the window (0 = unset)
  int min_acquisitive_events = 0;   // of which in acquisitive categories (0 = unset)
  int64_t min_rfg_centis = -1;      // RFG at least this many hundredths (-1 = unset)
  int min_age = 0;                  // whole years on the "as of" day; needs a known date of birth (0 = unset)
  bool not_in_cohort = true;        // only people not already managed in the cohort

  Status Validate() const;
};

// The defaults from issue 4: acquisitive-4, prolific-10 and high-rfg.
std::vector<NominationRule> DefaultNominationRules();

// What the rules look at for one person.
struct NominationFacts {
  int64_t n = 0;
  int64_t acquisitive_n = 0;
  int64_t rfg_key = 0;  // RfgScale key; 0 when n == 0
  std::optional<int> age;
  bool in_cohort = false;
};

struct FiredRule {
  std::string name;
  std::string reason;  // e.g. "5 acquisitive arrests in the window (needs 4); aged 34 (needs 18+); not in the cohort"
};

// The rules that fire, in the order given.
std::vector<FiredRule> EvaluateNominationRules(const std::vector<NominationRule>& rules, const NominationFacts& facts,
                                               const RfgScale& scale);

}  // namespace openiom
