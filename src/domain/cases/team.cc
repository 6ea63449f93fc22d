#include "domain/cases/team.h"

#include <algorithm>
#include <tuple>

namespace openiom {

namespace {

// A membership recorded late is typed from memory; over a year (366 days, for a leap year) is a typing mistake, as
// for plan actions.
constexpr std::chrono::days kYear{366};

}  // namespace

bool IsCurrent(const TeamMember& member) {
  return !member.left_on.has_value();
}

FieldProblems TeamMemberProblems(const TeamMember& member, Date today) {
  FieldProblems problems;
  if (member.agency_id <= 0) problems.push_back({"agency", "Choose the agency of the worker"});
  if (!member.user_id && member.worker_name.empty()) {
    problems.push_back({"worker", "Choose the worker or type their name"});
  } else if (member.user_id && !member.worker_name.empty()) {
    problems.push_back({"worker", "Choose the worker or type their name, not both"});
  } else if (member.worker_name.size() > kMaxWorkerName) {
    problems.push_back({"worker", "must be at most " + std::to_string(kMaxWorkerName) + " characters"});
  }
  // Joining ahead of the day would make their agency involved before they are, so a member is added when they join.
  if (member.joined_on > today) {
    problems.push_back({"joined_on", "cannot be in the future"});
  } else if (member.id == 0 && member.joined_on < today - kYear) {
    problems.push_back({"joined_on", "is more than a year ago"});
  }
  if (member.left_on) {
    if (*member.left_on < member.joined_on) {
      problems.push_back({"left_on", "cannot be before they joined the team"});
    } else if (*member.left_on > today) {
      problems.push_back({"left_on", "cannot be in the future"});
    }
  }
  return problems;
}

void SortTeam(std::vector<TeamMember>& members) {
  std::stable_sort(members.begin(), members.end(), [](const TeamMember& a, const TeamMember& b) {
    const bool a_current = IsCurrent(a), b_current = IsCurrent(b);
    if (a_current != b_current) return a_current;
    if (a_current) {
      return std::tuple(static_cast<int>(a.role), a.worker, a.id) < std::tuple(static_cast<int>(b.role), b.worker, b.id);
    }
    return std::tie(*b.left_on, a.id) < std::tie(*a.left_on, b.id);
  });
}

}  // namespace openiom
