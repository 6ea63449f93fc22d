// The non-compliance workflow on a person's case: a warning for an unacceptable failure to attend, then breach action
// or a recall request, and what came of it (domain/cases/enforcement.h). Each step is dated and attributed to the
// actor and their agency. A proven breach records a breach event and an approved recall a recall event on the
// outcome's day, so the BRAG rating and the level suggestions follow. The steps and those due are shown on the case
// page (CaseService::Case). Authorised and audited here: Action::kRecordEnforcement (practitioners and managers of
// agencies that hold offence records, that work with the person).
#pragma once

#include <optional>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/enforcement.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"

namespace openiom {

class AuditTrail;
class Database;

// A step as typed: an EnforcementKind code, the failed contact's id ("" for none), a YYYY-MM-DD day (today when
// empty) and why.
struct EnforcementInput {
  std::string kind, contact_id, on, reason;
};
// An outcome as typed: an EnforcementOutcome code and a YYYY-MM-DD day (today when empty).
struct EnforcementOutcomeInput {
  std::string outcome, on;
};

class EnforcementService {
 public:
  EnforcementService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // Records a step (EnforcementProblems). Returns its id.
  Result<EnforcementStepId> AddStep(const Actor& actor, PersonId person_id, const EnforcementInput& input,
                                    std::optional<Person>* shown = nullptr);
  // Records what came of breach action or a recall request (OutcomeProblems) if the stored version is still
  // `expected_version` (Stale otherwise); NotFound for another person's step.
  Status RecordOutcome(const Actor& actor, PersonId person_id, EnforcementStepId step_id, int expected_version,
                       const EnforcementOutcomeInput& input, std::optional<Person>* shown = nullptr);
  // The step, for its outcome form: kViewPerson, audited.
  Result<EnforcementStep> Step(const Actor& actor, PersonId person_id, EnforcementStepId step_id,
                               std::optional<Person>* person = nullptr);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
