// The plan: actions agreed for a person, each on a pathway (support) or against their offending (enforcement and
// disruption: the "carrot and stick" side by side), with an owning agency and person, a due date and a status; and
// the day the plan is next reviewed. Whether an action is overdue is worked out from its due date and the day, never
// stored, so it is always current.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/accounts/account.h"
#include "domain/accounts/agency.h"
#include "domain/cases/assessment.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

// Support helps a person off offending (a pathway's need met); enforcement holds them to their order or licence
// (warnings, breach, recall); disruption makes offending harder (police visits, curfew checks, intelligence).
enum class PlanActionKind { kSupport, kEnforcement, kDisruption };
inline constexpr Term<PlanActionKind> kPlanActionKindTerms[] = {
    {PlanActionKind::kSupport, "support", "Support"},
    {PlanActionKind::kEnforcement, "enforcement", "Enforcement"},
    {PlanActionKind::kDisruption, "disruption", "Disruption"},
};
constexpr const auto& TermsOf(PlanActionKind) {
  return kPlanActionKindTerms;
}
static_assert(InEnumOrder(kPlanActionKindTerms));

// Enforcement and disruption: the plan's "stick", shown beside its support.
bool IsSanction(PlanActionKind kind);

// The stored statuses. "Overdue" is not one of them: it is an open action past its due date (IsOverdue).
enum class PlanActionStatus { kOpen, kDone, kCancelled };
inline constexpr Term<PlanActionStatus> kPlanActionStatusTerms[] = {
    {PlanActionStatus::kOpen, "open", "Open"},
    {PlanActionStatus::kDone, "done", "Done"},
    {PlanActionStatus::kCancelled, "cancelled", "Cancelled"},
};
constexpr const auto& TermsOf(PlanActionStatus) {
  return kPlanActionStatusTerms;
}
static_assert(InEnumOrder(kPlanActionStatusTerms));

using PlanActionId = int64_t;

struct PlanAction {
  PlanActionId id = 0;  // 0 until stored
  PersonId person_id = 0;
  std::optional<Pathway> pathway;  // required for support; enforcement and disruption may have none
  PlanActionKind kind = PlanActionKind::kSupport;
  std::string description;
  AgencyId owner_agency_id = 0;
  std::string owner_agency;             // the agency's name, for lists
  std::optional<UserId> owner_user_id;  // the person who owns it, if one is named
  std::string owner;                    // their name, or empty
  Date due_on{};
  PlanActionStatus status = PlanActionStatus::kOpen;
  std::optional<Date> done_on;  // only when done
  std::string recorded_by;
  Timestamp recorded_at{};
  int version = 1;
};

inline constexpr size_t kMaxPlanActionDescription = 2000;

// Open and due before `today`. An action due today is not yet overdue; a done or cancelled one never is.
bool IsOverdue(const PlanAction& action, Date today);

// How many of `actions` are overdue on `today`.
int CountOverdue(const std::vector<PlanAction>& actions, Date today);

// Every problem with an action as it would be stored, as {field, message}: no description or one over
// kMaxPlanActionDescription characters, a support action with no pathway, no owning agency, a due date more than a
// year away (or, for a new action, id 0, more than a year ago: an older one is a typing mistake), a done_on without
// the status done or the status done without one, a done_on after `today` or more than a year ago. Fields are
// "description", "pathway", "owner_agency", "due_on" and "done_on".
FieldProblems PlanActionProblems(const PlanAction& action, Date today);

// Whether an action may go from `from` to `to`: an open action is done or cancelled; a done or cancelled one is
// reopened. Staying as it is is not a change.
bool MayChangeStatus(PlanActionStatus from, PlanActionStatus to);

// The day the plan is next reviewed, with who set it.
struct PlanReview {
  PersonId person_id = 0;
  Date review_on{};
  std::string set_by;
  Timestamp set_at{};
};

// A review is due on its day and after it.
bool ReviewDue(Date review_on, Date today);

// Problems with a review date set on `today`: before today, or more than a year ahead. Field "review_on".
FieldProblems PlanReviewProblems(Date review_on, Date today);

// The plan's order: open actions first, earliest due first, then done and cancelled ones, latest due first; ties by
// id.
void SortPlan(std::vector<PlanAction>& actions);

}  // namespace openiom
