// A person's non-compliance workflow: warnings, breach action and recall requests (domain/cases/enforcement.h).
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/cases/enforcement.h"
#include "domain/people/person.h"

namespace openiom {

class EnforcementRepository {
 public:
  virtual ~EnforcementRepository() = default;

  // Stores a new step (its id, version and outcome ignored) and returns its id. Conflict when another step answers
  // the same contact already.
  virtual Result<EnforcementStepId> Add(const EnforcementStep& step) = 0;
  // NotFound when there is none.
  virtual Result<EnforcementStep> Get(EnforcementStepId id) = 0;
  // Saves the step's outcome, outcome_on, outcome_by and event_id if the stored version is still `step.version`
  // (then increments it); Stale otherwise.
  virtual Status SetOutcome(const EnforcementStep& step) = 0;
  // A person's steps, oldest first (by day, then id).
  virtual Result<std::vector<EnforcementStep>> ListForPerson(PersonId person_id) = 0;
};

}  // namespace openiom
