#include "domain/cases/plan.h"

#include <algorithm>
#include <tuple>

namespace openiom {

namespace {

// A year either way (366 days, for a leap year) covers planning ahead and recording late, as for contacts.
constexpr std::chrono::days kYear{366};

}  // namespace

bool IsSanction(PlanActionKind kind) {
  return kind != PlanActionKind::kSupport;
}

bool IsOverdue(const PlanAction& action, Date today) {
  return action.status == PlanActionStatus::kOpen && action.due_on < today;
}

int CountOverdue(const std::vector<PlanAction>& actions, Date today) {
  return static_cast<int>(
      std::count_if(actions.begin(), actions.end(), [&](const PlanAction& a) { return IsOverdue(a, today); }));
}

FieldProblems PlanActionProblems(const PlanAction& action, Date today) {
  FieldProblems problems;
  if (action.description.empty()) {
    problems.push_back({"description", "Describe the action"});
  } else if (action.description.size() > kMaxPlanActionDescription) {
    problems.push_back({"description", "must be at most " + std::to_string(kMaxPlanActionDescription) + " characters"});
  }
  // Support meets a need on a pathway; a sanction is about the offending, which no one pathway holds.
  if (action.kind == PlanActionKind::kSupport && !action.pathway) {
    problems.push_back({"pathway", "Select the pathway a support action is on"});
  }
  if (action.owner_agency_id <= 0) problems.push_back({"owner_agency", "Choose the agency that owns the action"});
  if (action.due_on > today + kYear) {
    problems.push_back({"due_on", "is more than a year away"});
  } else if (action.id == 0 && action.due_on < today - kYear) {
    problems.push_back({"due_on", "is more than a year ago"});
  }
  const bool done = action.status == PlanActionStatus::kDone;
  if (done && !action.done_on) {
    problems.push_back({"done_on", "Enter the date the action was done"});
  } else if (!done && action.done_on) {
    problems.push_back({"done_on", "is only for an action that is done"});
  } else if (action.done_on && *action.done_on > today) {
    problems.push_back({"done_on", "cannot be in the future"});
  } else if (action.done_on && *action.done_on < today - kYear) {
    problems.push_back({"done_on", "is more than a year ago"});
  }
  return problems;
}

bool MayChangeStatus(PlanActionStatus from, PlanActionStatus to) {
  if (from == to) return false;
  return from == PlanActionStatus::kOpen || to == PlanActionStatus::kOpen;
}

bool ReviewDue(Date review_on, Date today) {
  return review_on <= today;
}

FieldProblems PlanReviewProblems(Date review_on, Date today) {
  if (review_on < today) return {{"review_on", "must be today or later"}};
  if (review_on > today + kYear) return {{"review_on", "is more than a year away"}};
  return {};
}

void SortPlan(std::vector<PlanAction>& actions) {
  std::stable_sort(actions.begin(), actions.end(), [](const PlanAction& a, const PlanAction& b) {
    const bool a_open = a.status == PlanActionStatus::kOpen, b_open = b.status == PlanActionStatus::kOpen;
    if (a_open != b_open) return a_open;
    if (a_open) return std::tie(a.due_on, a.id) < std::tie(b.due_on, b.id);
    return std::tie(b.due_on, a.id) < std::tie(a.due_on, b.id);
  });
}

}  // namespace openiom
