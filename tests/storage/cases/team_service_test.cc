// The team around a person on both backends: the lead professional first and the named workers by role, a member who
// leaves kept as history, optimistic locking, bad input named by field, who may change a team, need-to-know (a housing
// practitioner is refused a record, allowed while on the team or while a colleague is, refused again once they have
// left; each decision audited) and "my caseload" listing the people on whose team I am.
#include <gtest/gtest.h>

#include "services/audit/audit_trail.h"
#include "services/cases/case_service.h"
#include "services/cases/team_service.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/people/person_repository.h"
#include "storage/selection/panel_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-12-07T10:00:00Z"));

class TeamServiceTest : public ::testing::Test {
 protected:
  TeamServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_
                    ->Write([&](Transaction& tx) -> Status {
                      AgencyRepository& agencies = tx.Get<AgencyRepository>();
                      ASSIGN_OR_RETURN(probation_, agencies.Create({0, "Probation", AgencyKind::kProbation}));
                      ASSIGN_OR_RETURN(housing_, agencies.Create({0, "Tees Housing", AgencyKind::kHousing}));
                      ASSIGN_OR_RETURN(treatment_, agencies.Create({0, "Drug Service", AgencyKind::kTreatment}));
                      const auto user = [&](std::string username, std::string name, AgencyId agency, Role role) {
                        return tx.Get<UserRepository>().Create({.username = std::move(username),
                                                                .display_name = std::move(name),
                                                                .agency_id = agency,
                                                                .roles = {role},
                                                                .password_changed_at = kClock.Now(),
                                                                .created_at = kClock.Now()},
                                                               "not-a-hash");
                      };
                      ASSIGN_OR_RETURN(offman_.user_id, user("o.man", "Owen Offman", probation_, Role::kPractitioner));
                      ASSIGN_OR_RETURN(housing_worker_.user_id, user("h.worker", "Hana Worker", housing_,
                                                                     Role::kPractitioner));
                      ASSIGN_OR_RETURN(colleague_.user_id, user("h.colleague", "Cal Colleague", housing_,
                                                                Role::kPractitioner));
                      ASSIGN_OR_RETURN(analyst_id_, user("a.nalyst", "Ann Analyst", probation_, Role::kAnalyst));
                      for (auto [id, surname] : {std::pair{&ann_, "Testington"}, std::pair{&bob_, "Samplewood"}}) {
                        ASSIGN_OR_RETURN(*id, tx.Get<PersonRepository>().Create({.surname = surname,
                                                                                 .forenames = "A",
                                                                                 .created_at = kClock.Now(),
                                                                                 .updated_at = kClock.Now()}));
                      }
                      // Ann is in the cohort, led by Owen; Bob is not in the cohort.
                      return tx.Get<PanelRepository>()
                          .AddMembership({.person_id = ann_,
                                          .scheme = Scheme::kPpo,
                                          .lead_agency_id = probation_,
                                          .lead_user_id = offman_.user_id,
                                          .selected_on = *ParseIsoDate("2026-06-01"),
                                          .selection_reason = "panel",
                                          .selected_by = "m"})
                          .status();
                    })
                    .ok());
    offman_.agency_id = probation_;
    housing_worker_.agency_id = colleague_.agency_id = housing_;
  }

  TeamMemberInput Named(std::string name, std::string role, AgencyId agency, std::string joined_on = "") {
    return {.agency_id = std::to_string(agency), .worker_name = std::move(name), .role = std::move(role),
            .joined_on = std::move(joined_on)};
  }

  std::vector<AuditEntry> Entries() {
    std::vector<AuditEntry> entries;
    EXPECT_TRUE(database_
                    ->Read([&](Transaction& transaction) -> Status {
                      return transaction.Get<AuditRepository>().ForEach([&](const AuditEntry& entry) {
                        entries.push_back(entry);
                        return true;
                      });
                    })
                    .ok());
    return entries;
  }

  static std::vector<std::string> Fields(const Status& status) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : status.problems()) fields.push_back(problem.field);
    return fields;
  }

  testing::TestDatabase test_database_;
  std::unique_ptr<Database> database_;
  const AuditTrail audit_{kClock};
  TeamService teams_{*database_, audit_, kClock};
  CaseService cases_{*database_, audit_, kClock};
  Actor offman_{.username = "o.man", .agency_name = "Probation", .agency_kind = AgencyKind::kProbation,
                .roles = {Role::kPractitioner}};
  Actor housing_worker_{.username = "h.worker", .agency_name = "Tees Housing", .agency_kind = AgencyKind::kHousing,
                        .roles = {Role::kPractitioner}};
  Actor colleague_{.username = "h.colleague", .agency_name = "Tees Housing", .agency_kind = AgencyKind::kHousing,
                   .roles = {Role::kPractitioner}};
  AgencyId probation_ = 0, housing_ = 0, treatment_ = 0;
  UserId analyst_id_ = 0;
  PersonId ann_ = 0, bob_ = 0;
};

TEST_F(TeamServiceTest, TheLeadComesFirstThenMembersByRoleAndOneWhoLeftIsKept) {
  const Result<TeamMemberId> housing = teams_.AddMember(
      offman_, ann_, {.user_id = std::to_string(housing_worker_.user_id), .role = "housing_officer"});
  ASSERT_TRUE(housing.ok()) << housing.status().ToString();
  const Result<TeamMemberId> drugs =
      teams_.AddMember(offman_, ann_, Named("  Dee Worker  ", "drug_worker", treatment_, "2026-11-30"));
  ASSERT_TRUE(drugs.ok()) << drugs.status().ToString();

  Result<TeamView> view = teams_.Team(offman_, ann_);
  ASSERT_TRUE(view.ok()) << view.status().ToString();
  EXPECT_TRUE(view->team.in_cohort);
  EXPECT_EQ(view->team.lead_professional, "Owen Offman");
  EXPECT_EQ(view->team.lead_agency, "Probation");
  EXPECT_EQ(view->team.lead_user_id, offman_.user_id);
  ASSERT_EQ(view->team.members.size(), 2u);
  const TeamMember& first = view->team.members[0];  // drug worker comes before housing officer
  EXPECT_EQ(first.id, *drugs);
  EXPECT_EQ(first.role, TeamRole::kDrugWorker);
  EXPECT_EQ(first.worker, "Dee Worker") << "trimmed";
  EXPECT_EQ(first.worker_name, "Dee Worker");
  EXPECT_FALSE(first.user_id.has_value());
  EXPECT_EQ(first.agency_id, treatment_);
  EXPECT_EQ(first.agency, "Drug Service");
  EXPECT_EQ(first.joined_on, *ParseIsoDate("2026-11-30"));
  EXPECT_FALSE(first.left_on.has_value());
  EXPECT_EQ(first.added_by, "o.man");
  EXPECT_EQ(first.added_at, kClock.Now());
  EXPECT_EQ(first.version, 1);
  const TeamMember& second = view->team.members[1];
  EXPECT_EQ(second.id, *housing);
  EXPECT_EQ(second.user_id, housing_worker_.user_id);
  EXPECT_EQ(second.worker, "Hana Worker") << "a user's name as it is now";
  EXPECT_EQ(second.worker_name, "");
  EXPECT_EQ(second.agency, "Tees Housing") << "the user's agency, when none is chosen";
  EXPECT_EQ(second.joined_on, kClock.Today()) << "today by default";

  // Leaving: stale, then left, then left again; only through the member's own person.
  EXPECT_EQ(teams_.EndMember(offman_, ann_, *drugs, 2).code(), StatusCode::kStale);
  EXPECT_EQ(teams_.EndMember(offman_, bob_, *drugs, 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(Fields(teams_.EndMember(offman_, ann_, *drugs, 1, "2026-11-29")), (std::vector<std::string>{"left_on"}))
      << "before they joined";
  EXPECT_EQ(Fields(teams_.EndMember(offman_, ann_, *drugs, 1, "2026-12-08")), (std::vector<std::string>{"left_on"}))
      << "tomorrow";
  ASSERT_TRUE(teams_.EndMember(offman_, ann_, *drugs, 1, "2026-12-06").ok());
  EXPECT_EQ(teams_.EndMember(offman_, ann_, *drugs, 2).code(), StatusCode::kFailedPrecondition);
  view = teams_.Team(offman_, ann_);
  ASSERT_EQ(view->team.members.size(), 2u) << "kept, as history";
  EXPECT_EQ(view->team.members[0].id, *housing) << "current members before those who left";
  const TeamMember& left = view->team.members[1];
  EXPECT_EQ(left.left_on, *ParseIsoDate("2026-12-06"));
  EXPECT_EQ(left.ended_by, "o.man");
  EXPECT_EQ(left.version, 2);
  EXPECT_FALSE(IsCurrent(left));
  const AuditEntry last = Entries().back();
  EXPECT_EQ(last.action, "view_person");
  EXPECT_EQ(last.detail, "team: 1 current members of 2; your agency holds offence records");

  // The case page's view has the same team; a person outside the cohort has no lead.
  const Result<CaseView> case_view = cases_.Case(offman_, ann_);
  ASSERT_TRUE(case_view.ok()) << case_view.status().ToString();
  EXPECT_EQ(case_view->team.lead_professional, "Owen Offman");
  EXPECT_EQ(case_view->team.members.size(), 2u);
  const Result<TeamView> bob = teams_.Team(offman_, bob_);
  ASSERT_TRUE(bob.ok());
  EXPECT_FALSE(bob->team.in_cohort);
  EXPECT_TRUE(bob->team.lead_professional.empty());
  EXPECT_TRUE(bob->team.members.empty());
}

TEST_F(TeamServiceTest, BadInputNamesEveryFieldAndTheWorkerComesFromTheLists) {
  const Result<TeamMemberId> empty = teams_.AddMember(offman_, ann_, {});
  ASSERT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(empty.status()), (std::vector<std::string>{"role", "agency", "worker"}));
  const auto fields = [&](TeamMemberInput input) { return Fields(teams_.AddMember(offman_, ann_, input).status()); };
  const std::string hana = std::to_string(housing_worker_.user_id);
  EXPECT_EQ(fields({.user_id = std::to_string(analyst_id_), .role = "mentor"}),
            (std::vector<std::string>{"worker", "agency"}))
      << "an analyst does not work cases";
  EXPECT_EQ(fields({.user_id = "999999", .role = "mentor"}), (std::vector<std::string>{"worker", "agency"}));
  EXPECT_EQ(fields({.agency_id = std::to_string(probation_), .user_id = hana, .role = "mentor"}),
            (std::vector<std::string>{"agency"}))
      << "a user works for their own agency";
  EXPECT_EQ(fields({.user_id = hana, .worker_name = "Hana", .role = "mentor"}), (std::vector<std::string>{"worker"}))
      << "a user or a name, not both";
  EXPECT_EQ(fields(Named("Dee", "astrologer", treatment_)), (std::vector<std::string>{"role"}));
  EXPECT_EQ(fields(Named("Dee", "mentor", 999999)), (std::vector<std::string>{"agency"}));
  EXPECT_EQ(fields(Named("Dee", "mentor", treatment_, "2026-12-08")), (std::vector<std::string>{"joined_on"}));
  EXPECT_EQ(fields(Named("Dee", "mentor", treatment_, "2026-02-30")), (std::vector<std::string>{"joined_on"}));
  EXPECT_EQ(fields(Named("Dee", "mentor", treatment_, "2025-12-05")), (std::vector<std::string>{"joined_on"}))
      << "more than a year ago";
  EXPECT_EQ(fields(Named(std::string(kMaxWorkerName + 1, 'x'), "mentor", treatment_)),
            (std::vector<std::string>{"worker"}));
  ASSERT_TRUE(teams_.AddMember(offman_, ann_, {.user_id = hana, .role = "housing_officer"}).ok());
  EXPECT_EQ(fields({.user_id = hana, .role = "mentor"}), (std::vector<std::string>{"worker"}))
      << "already on the team";
  EXPECT_EQ(teams_.Team(offman_, ann_)->team.members.size(), 1u) << "nothing else was stored";
  EXPECT_EQ(teams_.AddMember(offman_, 999999, Named("Dee", "mentor", treatment_)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kFailure) << "no such person is audited";
}

TEST_F(TeamServiceTest, AHousingPractitionerReadsTheRecordOnlyWhileTheyOrTheirAgencyAreOnTheTeam) {
  // No involvement: refused, and the refusal is audited.
  EXPECT_EQ(teams_.Team(housing_worker_, ann_).status().code(), StatusCode::kPermissionDenied);
  AuditEntry last = Entries().back();
  EXPECT_EQ(last.action, "view_person");
  EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
  EXPECT_EQ(last.username, "h.worker");
  EXPECT_EQ(cases_.Case(colleague_, ann_).status().code(), StatusCode::kPermissionDenied);
  // Nor may they put themselves on the team: only agencies that hold offence records and managers decide it.
  EXPECT_EQ(teams_
                .AddMember(housing_worker_, ann_,
                           {.user_id = std::to_string(housing_worker_.user_id), .role = "housing_officer"})
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  last = Entries().back();
  EXPECT_EQ(last.action, "manage_team");
  EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
  EXPECT_EQ(teams_.Workers(housing_worker_).status().code(), StatusCode::kPermissionDenied);

  const Result<TeamMemberId> added = teams_.AddMember(
      offman_, ann_, {.user_id = std::to_string(housing_worker_.user_id), .role = "housing_officer"});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  // Now the named worker reads the record as a team member, and their colleague as their agency's.
  ASSERT_TRUE(teams_.Team(housing_worker_, ann_).ok());
  last = Entries().back();
  EXPECT_EQ(last.outcome, AuditOutcome::kSuccess);
  EXPECT_EQ(last.detail, "team: 1 current members of 1; you are on their team (Housing officer)");
  ASSERT_TRUE(cases_.Case(colleague_, ann_).ok());
  EXPECT_EQ(Entries().back().detail.substr(Entries().back().detail.find("; ") + 2), "your agency is on their team");
  EXPECT_EQ(teams_.Team(housing_worker_, bob_).status().code(), StatusCode::kPermissionDenied)
      << "only for the person whose team it is";
  // Still not a team manager, even on the team.
  EXPECT_EQ(teams_.EndMember(housing_worker_, ann_, *added, 1).code(), StatusCode::kPermissionDenied);

  ASSERT_TRUE(teams_.EndMember(offman_, ann_, *added, 1).ok());
  EXPECT_EQ(teams_.Team(housing_worker_, ann_).status().code(), StatusCode::kPermissionDenied) << "left the team";
  EXPECT_EQ(cases_.Case(colleague_, ann_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kDenied);
}

TEST_F(TeamServiceTest, MyCaseloadListsThePeopleWhoseTeamIAmOnWithMyRole) {
  EXPECT_TRUE(cases_.Caseload(housing_worker_, {})->empty());
  const Result<TeamMemberId> added = teams_.AddMember(
      offman_, ann_, {.user_id = std::to_string(housing_worker_.user_id), .role = "housing_officer"});
  ASSERT_TRUE(added.ok());
  // Bob is not in the cohort: on his team, but not on a caseload (which lists cohort members).
  ASSERT_TRUE(teams_.AddMember(offman_, bob_, {.user_id = std::to_string(housing_worker_.user_id), .role = "mentor"})
                  .ok());
  const Result<std::vector<CaseloadRow>> mine = cases_.Caseload(housing_worker_, {});
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].person_id, ann_);
  EXPECT_EQ((*mine)[0].my_role, "Housing officer");
  EXPECT_EQ((*mine)[0].lead_professional, "Owen Offman");
  const Result<std::vector<CaseloadRow>> lead = cases_.Caseload(offman_, {});
  ASSERT_EQ(lead->size(), 1u);
  EXPECT_EQ((*lead)[0].my_role, "Lead professional");
  EXPECT_TRUE(cases_.Caseload(colleague_, {})->empty()) << "a named worker's, not their agency's";
  ASSERT_TRUE(teams_.EndMember(offman_, ann_, *added, 1).ok());
  EXPECT_TRUE(cases_.Caseload(housing_worker_, {})->empty()) << "left the team";
}

}  // namespace
}  // namespace openiom
