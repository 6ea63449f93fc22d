#include "domain/cases/team.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;

const Date kToday = *ParseIsoDate("2026-03-31");

TeamMember Joined(int days_ago, TeamRole role = TeamRole::kDrugWorker, std::string name = "Dee Worker") {
  return TeamMember{.id = 1,
                    .person_id = 7,
                    .agency_id = 3,
                    .worker_name = name,
                    .worker = name,
                    .role = role,
                    .joined_on = kToday - days(days_ago)};
}

TEST(TeamMember, ProblemsNameTheField) {
  struct Case {
    const char* name;
    TeamMember member;
    std::vector<std::string> fields;
  };
  const auto with = [](TeamMember member, auto change) {
    change(member);
    return member;
  };
  const std::vector<Case> cases = {
      {"a named worker who joined today", Joined(0), {}},
      {"a user with an account", with(Joined(0), [](TeamMember& m) {
         m.worker_name.clear();
         m.user_id = 12;
       }), {}},
      {"no agency", with(Joined(0), [](TeamMember& m) { m.agency_id = 0; }), {"agency"}},
      {"neither a user nor a name", with(Joined(0), [](TeamMember& m) { m.worker_name.clear(); }), {"worker"}},
      {"both a user and a name", with(Joined(0), [](TeamMember& m) { m.user_id = 12; }), {"worker"}},
      {"name at the limit", with(Joined(0), [](TeamMember& m) { m.worker_name = std::string(kMaxWorkerName, 'x'); }),
       {}},
      {"name too long", with(Joined(0), [](TeamMember& m) { m.worker_name = std::string(kMaxWorkerName + 1, 'x'); }),
       {"worker"}},
      {"joins tomorrow", Joined(-1), {"joined_on"}},
      {"new, joined a year ago", with(Joined(366), [](TeamMember& m) { m.id = 0; }), {}},
      {"new, joined more than a year ago", with(Joined(367), [](TeamMember& m) { m.id = 0; }), {"joined_on"}},
      {"stored, joined more than a year ago", Joined(400), {}},
      {"left the day they joined", with(Joined(5), [](TeamMember& m) { m.left_on = m.joined_on; }), {}},
      {"left today", with(Joined(5), [](TeamMember& m) { m.left_on = kToday; }), {}},
      {"left before they joined", with(Joined(5), [](TeamMember& m) { m.left_on = m.joined_on - days(1); }),
       {"left_on"}},
      {"leaves tomorrow", with(Joined(5), [](TeamMember& m) { m.left_on = kToday + days(1); }), {"left_on"}},
      {"everything wrong at once",
       with(Joined(-2),
            [](TeamMember& m) {
              m.agency_id = 0;
              m.worker_name.clear();
              m.left_on = kToday - days(1);
            }),
       {"agency", "worker", "joined_on", "left_on"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : TeamMemberProblems(c.member, kToday)) fields.push_back(problem.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(TeamMember, OnlyOneWhoHasNotLeftIsCurrent) {
  TeamMember member = Joined(10);
  EXPECT_TRUE(IsCurrent(member));
  member.left_on = kToday;
  EXPECT_FALSE(IsCurrent(member)) << "left today: no longer on the team";
}

TEST(TeamMember, TheTeamListsCurrentMembersByRoleThenNameThenThoseWhoLeftLatestFirst) {
  std::vector<TeamMember> members = {
      Joined(10, TeamRole::kMentor, "Ann"),          Joined(10, TeamRole::kDrugWorker, "Zed"),
      Joined(10, TeamRole::kHousingOfficer, "Bob"),  Joined(10, TeamRole::kDrugWorker, "Amy"),
      Joined(10, TeamRole::kOffenderManager, "Cat"), Joined(10, TeamRole::kDrugWorker, "Dan"),
  };
  members[4].left_on = kToday - days(5);
  members[5].left_on = kToday - days(1);
  for (size_t index = 0; index < members.size(); ++index) members[index].id = static_cast<int64_t>(index + 1);
  SortTeam(members);
  std::vector<int64_t> ids;
  for (const TeamMember& m : members) ids.push_back(m.id);
  // Current: drug workers Amy (4), Zed (2); housing officer Bob (3); mentor Ann (1). Left: Dan (6) a day ago, then
  // Cat (5) five days ago.
  EXPECT_EQ(ids, (std::vector<int64_t>{4, 2, 3, 1, 6, 5}));
}

}  // namespace
}  // namespace openiom
