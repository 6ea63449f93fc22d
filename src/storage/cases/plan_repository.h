// A person's plan: its actions (domain/cases/plan.h) and the day it is next reviewed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/cases/plan.h"
#include "domain/people/person.h"

namespace openiom {

// An action with the name of the person whose plan holds it, for an owner's list across people.
struct OwnedPlanAction {
  PlanAction action;
  std::string surname, forenames;
};

class PlanRepository {
 public:
  virtual ~PlanRepository() = default;

  // Stores a new action (its id and version are ignored) and returns its id. Conflict when the owning agency or user
  // does not exist.
  virtual Result<PlanActionId> AddAction(const PlanAction& action) = 0;
  // The action with its owner's and agency's names; NotFound when there is none.
  virtual Result<PlanAction> GetAction(PlanActionId id) = 0;
  // Saves the action's status and done_on if the stored version is still `action.version` (then increments it);
  // Stale otherwise.
  virtual Status UpdateActionStatus(const PlanAction& action) = 0;
  // A person's actions with their owners' names, by due date then id.
  virtual Result<std::vector<PlanAction>> ActionsFor(PersonId person_id) = 0;
  // The open actions `owner_user_id` owns that were due before `before`, earliest due first, with the people's names.
  virtual Result<std::vector<OwnedPlanAction>> OpenActionsOwnedBy(UserId owner_user_id, Date before) = 0;

  // The person's review date, if one is set.
  virtual Result<std::optional<PlanReview>> ReviewFor(PersonId person_id) = 0;
  // Sets (or replaces) the person's review date.
  virtual Status SetReview(const PlanReview& review) = 0;
};

}  // namespace openiom
