// The non-compliance workflow: an unacceptable failure to attend leads to a warning; a further unacceptable failure
// within a year of a warning leads to breach action (a community order or post-sentence supervision: back to court)
// or a recall request (a licence); each has an outcome. Every step is dated and attributed. A proven breach and an
// approved recall become events (breach, recall), so the BRAG rating and the level suggestions follow them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/cases/contact.h"
#include "domain/cases/level.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class EnforcementKind { kWarning, kBreach, kRecallRequest };
inline constexpr Term<EnforcementKind> kEnforcementKindTerms[] = {
    {EnforcementKind::kWarning, "warning", "Warning"},
    {EnforcementKind::kBreach, "breach", "Breach action"},
    {EnforcementKind::kRecallRequest, "recall_request", "Recall request"},
};
constexpr const auto& TermsOf(EnforcementKind) { return kEnforcementKindTerms; }
static_assert(InEnumOrder(kEnforcementKindTerms));

// What came of breach action (proven, not proven) or a recall request (recalled, refused); either may be withdrawn.
// A warning has no outcome: it is one.
enum class EnforcementOutcome { kProven, kNotProven, kRecalled, kRefused, kWithdrawn };
inline constexpr Term<EnforcementOutcome> kEnforcementOutcomeTerms[] = {
    {EnforcementOutcome::kProven, "proven", "Breach proven"},
    {EnforcementOutcome::kNotProven, "not_proven", "Breach not proven"},
    {EnforcementOutcome::kRecalled, "recalled", "Recalled"},
    {EnforcementOutcome::kRefused, "refused", "Recall refused"},
    {EnforcementOutcome::kWithdrawn, "withdrawn", "Withdrawn"},
};
constexpr const auto& TermsOf(EnforcementOutcome) { return kEnforcementOutcomeTerms; }
static_assert(InEnumOrder(kEnforcementOutcomeTerms));

// The outcomes a step of `kind` may have (none for a warning).
std::vector<EnforcementOutcome> OutcomesFor(EnforcementKind kind);

using EnforcementStepId = int64_t;

struct EnforcementStep {
  EnforcementStepId id = 0;
  PersonId person_id = 0;
  EnforcementKind kind = EnforcementKind::kWarning;
  std::optional<ContactId> contact_id;  // the failed appointment it answers (needed for a warning and breach action)
  Date on{};
  int64_t agency_id = 0;
  std::string agency;  // the agency's name, for lists
  std::string reason, recorded_by;
  Timestamp recorded_at{};
  std::optional<EnforcementOutcome> outcome;
  std::optional<Date> outcome_on;
  std::string outcome_by;
  std::optional<int64_t> event_id;  // the breach or recall event its outcome recorded
  int version = 1;
};

// How long a warning counts towards breach action: a further failure within this many days of it.
inline constexpr int kWarningDays = 365;
inline constexpr size_t kMinEnforcementReason = 10;
inline constexpr size_t kMaxEnforcementReason = 2000;

// A failed appointment that no step answers yet, and the step due for it.
struct EnforcementDue {
  ContactId contact_id = 0;
  Date failed_on{};
  EnforcementKind kind = EnforcementKind::kWarning;
  std::string text;  // why, naming the warning it follows, if any
};

// The steps due on `today`: for each unacceptable failure on or before it that no step names, a warning, or, when a
// warning on or before the failure and within kWarningDays before it was given for another failure, breach action
// (or a recall request for someone on licence on the day of the failure; nothing for voluntary engagement, which
// cannot be enforced). Oldest failure first.
std::vector<EnforcementDue> EnforcementDueOn(const std::vector<Contact>& contacts,
                                             const std::vector<EnforcementStep>& steps,
                                             const std::vector<StatutoryStatus>& statuses, Date today);

// Problems with a new step, as {field, message}: a day after today, more than a year ago, or before the failure it
// answers ("on"); a warning or breach action naming no contact, a contact that is not one of `contacts`, not an
// unacceptable failure, or one another step answers already ("contact"); breach action with no warning within
// kWarningDays before the failure ("kind"); a reason shorter than kMinEnforcementReason characters for breach action
// or a recall request, or any reason over kMaxEnforcementReason ("reason").
FieldProblems EnforcementProblems(const EnforcementStep& step, const std::vector<Contact>& contacts,
                                  const std::vector<EnforcementStep>& steps, Date today);

// Problems with recording `outcome` on `on` for `step`: a warning (which has none), an outcome of the other kind
// ("outcome"), an outcome already recorded ("outcome"), a day before the step or after today ("outcome_on").
FieldProblems OutcomeProblems(const EnforcementStep& step, EnforcementOutcome outcome, Date on, Date today);

}  // namespace openiom
