// A person's plan: actions on their pathways (support) and against their offending (enforcement, disruption), each
// with an owning agency and optionally a named owner, a due date and a status, and the day the plan is next reviewed;
// and each owner's overdue actions across their people. Authorised and audited here, whichever entry point calls.
//
// Reading the plan is a view of the person's record (Action::kViewPerson, need-to-know), audited once per call.
// Changing it is Action::kManagePlan: practitioners and managers of an agency that works with the person (never by
// breaking the glass). "Overdue" is worked out on the day it is read (IsOverdue). The owner is an agency chosen from
// the list of agencies and, optionally, an enabled practitioner or manager (of that agency, when both are given), so
// "my overdue actions" can find them. Calls behind a form take an optional `shown`, as CaseService's do: after bad
// input, a stale version or a refused change of status it holds the person the call read, so the form is shown again
// without a second read; showing it is recorded once (ShowAgain).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/accounts/agency.h"
#include "domain/cases/plan.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "storage/cases/plan_repository.h"

namespace openiom {

class AuditTrail;
class Database;

// Everything the plan page shows, read in one audited view.
struct PlanView {
  Person person;
  std::vector<PlanAction> actions;  // SortPlan's order: open ones by due date, then closed ones
  std::optional<PlanReview> review;
  bool open_warrant = false;  // for the record's header
  Date today{};               // the day "overdue" and "review due" are worked out for
};

// An action as typed: codes of PlanActionKind and Pathway ("" for none), the owning agency's and user's ids as
// typed (the user optional: "" for none; with no agency, the user's agency), and a YYYY-MM-DD due date.
struct PlanActionInput {
  std::string kind, pathway, description, owner_agency_id, owner_user_id, due_on;
};

// A change of status as typed: a PlanActionStatus code, and for done the day it was done (YYYY-MM-DD; today when
// empty).
struct PlanStatusInput {
  std::string status, done_on;
};

// Who may own an action: every agency, and the enabled practitioners and managers.
struct PlanOwner {
  UserId user_id = 0;
  std::string name, agency;
  AgencyId agency_id = 0;
};
struct PlanOwners {
  std::vector<Agency> agencies;  // by name
  std::vector<PlanOwner> users;  // by name
};

class PlanService {
 public:
  PlanService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // The person's plan today. kViewPerson, audited once; NotFound (audited) for no such person.
  Result<PlanView> Plan(const Actor& actor, PersonId person_id);

  // Action::kManagePlan: a new open action recorded by the actor. Returns its id. InvalidArgument with every problem
  // (PlanActionProblems, and the owner: "owner_agency", "owner_user") on bad input.
  Result<PlanActionId> AddAction(const Actor& actor, PersonId person_id, const PlanActionInput& input,
                                 std::optional<Person>* shown = nullptr);
  // Action::kManagePlan: marks an action done (on input.done_on, today by default) or cancelled, or reopens it, if
  // the stored version is still `expected_version` (Stale otherwise). FailedPrecondition for a change MayChangeStatus
  // refuses (an action done twice); NotFound for an action of another person.
  Status SetActionStatus(const Actor& actor, PersonId person_id, PlanActionId action_id, int expected_version,
                         const PlanStatusInput& input, std::optional<Person>* shown = nullptr);
  // Action::kManagePlan: sets the day the plan is next reviewed (YYYY-MM-DD, today to a year ahead).
  Status SetReviewDate(const Actor& actor, PersonId person_id, const std::string& review_on,
                       std::optional<Person>* shown = nullptr);

  // Action::kViewCaseload: the open actions the actor owns that are overdue today, earliest due first, across all
  // their people. Audited once, as a list. Empty for the local operator (who owns nothing).
  Result<std::vector<OwnedPlanAction>> MyOverdueActions(const Actor& actor);

  // The agencies and users an action may be given to, for the form. Needs kManagePlan in general (refusal audited);
  // the lists hold no personal data about the people managed, so a success is not recorded.
  Result<PlanOwners> Owners(const Actor& actor);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
