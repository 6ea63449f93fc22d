// A person's place on the IOM pyramid: their service level and its history, their schemes, their statutory status,
// and the suggestion to move them (worked out on the day it is read, from their events and contacts, with the rules
// that fired), which a manager accepts or dismisses with a reason. Authorised and audited here.
//
// Reading it is a view of the person's record (Action::kViewPerson, need-to-know), audited once per call. Schemes and
// statutory status are Action::kRecordSchemes (practitioners and managers of an agency that works with the person);
// moving the level and answering a suggestion are Action::kSetLevel (managers). Calls behind a form take an optional
// `shown`, as CaseService's do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/level.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"

namespace openiom {

class AuditTrail;
class Database;
class Transaction;

struct LevelView {
  Person person;
  std::optional<LevelChange> level;    // today's
  std::vector<LevelChange> history;    // oldest first
  std::vector<SchemeMembership> schemes;  // oldest first
  std::optional<StatutoryStatus> status;  // today's
  std::vector<StatutoryStatus> statuses;  // oldest first
  std::optional<LevelSuggestion> suggestion;
  std::vector<LevelDecision> decisions;  // oldest first
  bool open_warrant = false;
  Date today{};
};

// A move as typed: a ServiceLevel code, a YYYY-MM-DD day (today when empty) and why.
struct LevelChangeInput {
  std::string level, on, reason;
};
// A scheme as typed: a CaseScheme code, YYYY-MM-DD start (today when empty) and end (empty for none), and why.
struct SchemeInput {
  std::string scheme, starts_on, ends_on, reason;
};
// A statutory status as typed: a StatutoryKind code, YYYY-MM-DD start (today when empty) and end.
struct StatutoryInput {
  std::string kind, starts_on, ends_on;
};
// An answer to the suggestion shown: its direction and target level codes (as shown, so an answer to a suggestion
// that has changed since is refused as Stale), a LevelDecisionKind code and why.
struct LevelDecisionInput {
  std::string direction, to, decision, reason;
};

// The person's level today, with its suggestion (for the case page and caseloads), in the caller's transaction.
struct LevelSummary {
  std::optional<LevelChange> level;
  std::vector<SchemeMembership> current_schemes;
  std::optional<StatutoryStatus> status;
  std::optional<LevelSuggestion> suggestion;
};
Result<LevelSummary> ReadLevelSummary(Transaction& transaction, PersonId person_id, Date today);

class LevelService {
 public:
  LevelService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // kViewPerson, audited once; NotFound (audited) for no such person.
  Result<LevelView> Level(const Actor& actor, PersonId person_id);

  // Action::kSetLevel: moves the person to a level from a day (LevelChangeProblems). Returns the change's id.
  Result<int64_t> SetLevel(const Actor& actor, PersonId person_id, const LevelChangeInput& input,
                           std::optional<Person>* shown = nullptr);
  // Action::kSetLevel: accepts (moving the level from today, the suggestion's reasons kept with the move) or
  // dismisses the suggestion made today. FailedPrecondition when there is none; Stale when it is not the one shown.
  Status Decide(const Actor& actor, PersonId person_id, const LevelDecisionInput& input,
                std::optional<Person>* shown = nullptr);

  // Action::kRecordSchemes: puts the person on a scheme (SchemeProblems). Returns its id.
  Result<int64_t> AddScheme(const Actor& actor, PersonId person_id, const SchemeInput& input,
                            std::optional<Person>* shown = nullptr);
  // Action::kRecordSchemes: takes the person off a scheme from today. NotFound for another person's; Stale when
  // changed since `expected_version`; FailedPrecondition when they are no longer on it.
  Status LeaveScheme(const Actor& actor, PersonId person_id, int64_t scheme_id, int expected_version);
  // Action::kRecordSchemes: records a statutory status from its start (StatutoryProblems). Returns its id.
  Result<int64_t> SetStatutoryStatus(const Actor& actor, PersonId person_id, const StatutoryInput& input,
                                     std::optional<Person>* shown = nullptr);

  // The suggestion rules in force: the stored parameters, or the defaults.
  Result<LevelConfig> LevelRules();
  // Action::kManageReferenceData: sets the suggestion rules' parameters (ParseLevelConfig's problems). Audited.
  Status SetLevelRules(const Actor& actor, const std::string& json);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
