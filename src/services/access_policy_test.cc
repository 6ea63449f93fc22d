#include "services/access_policy.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace openiom {
namespace {

bool HoldsOffenceRecords(AgencyKind kind) {
  return kind == AgencyKind::kPolice || kind == AgencyKind::kProbation || kind == AgencyKind::kPrison ||
         kind == AgencyKind::kYouthOffending;
}

// The whole matrix, role x agency x action, against the rules as written in access_policy.h.
TEST(AccessPolicy, RoleAgencyActionMatrix) {
  const std::map<Role, std::set<Action>> allowed_anywhere = {
      {Role::kPractitioner,
       {Action::kSearchPeople, Action::kViewPerson, Action::kCreatePerson, Action::kUpdatePerson,
        Action::kViewCandidates, Action::kReferPerson, Action::kViewCohort}},
      {Role::kManager,
       {Action::kSearchPeople, Action::kViewPerson, Action::kCreatePerson, Action::kUpdatePerson,
        Action::kViewReports, Action::kExportPseudonymised, Action::kImportAreaCrime, Action::kRunScoring,
        Action::kViewCandidates, Action::kReferPerson, Action::kViewCohort, Action::kDecidePanel,
        Action::kViewFairness}},
      {Role::kAnalyst,
       {Action::kViewReports, Action::kExportPseudonymised, Action::kImportAreaCrime, Action::kRunScoring}},
      {Role::kAuditor, {Action::kViewAudit, Action::kExportAudit}},
      {Role::kAdmin, {Action::kManageUsers, Action::kManageAgencies, Action::kManageReferenceData}},
  };
  int checked = 0;
  for (Role role : kAllRoles) {
    for (AgencyKind agency : kAllAgencyKinds) {
      const Actor actor{.user_id = 7, .username = "u", .agency_kind = agency, .roles = {role}};
      for (Action action : kAllActions) {
        bool expected = allowed_anywhere.at(role).contains(action);
        if (action == Action::kImportEvents) {
          expected = (role == Role::kPractitioner || role == Role::kManager) && HoldsOffenceRecords(agency);
        }
        const Decision decision = Decide(actor, action);
        EXPECT_EQ(decision.allowed, expected) << RoleCode(role) << " in " << AgencyKindCode(agency) << " -> "
                                              << ActionCode(action);
        EXPECT_EQ(decision.reason.empty(), decision.allowed) << "a denial always says why";
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 10 * 19);
}

TEST(AccessPolicy, DenyByDefault) {
  const Actor nobody{.user_id = 3, .username = "no.roles"};
  for (Action action : kAllActions) EXPECT_FALSE(Decide(nobody, action).allowed) << ActionCode(action);
}

TEST(AccessPolicy, AdminsDoNotReadPeopleUnlessAlsoPractitioners) {
  Actor admin{.user_id = 1, .username = "a", .roles = {Role::kAdmin}};
  EXPECT_FALSE(Decide(admin, Action::kViewPerson).allowed);
  EXPECT_EQ(Decide(admin, Action::kViewPerson).reason, "view_person needs the practitioner or manager role");
  admin.roles.push_back(Role::kPractitioner);
  EXPECT_TRUE(Decide(admin, Action::kViewPerson).allowed);
}

TEST(AccessPolicy, AnalystsNeverSeeNamesOrIdentifiers) {
  const Actor analyst{.user_id = 2, .username = "an", .roles = {Role::kAnalyst}};
  for (Action action : {Action::kSearchPeople, Action::kViewPerson, Action::kCreatePerson, Action::kUpdatePerson,
                        Action::kImportEvents}) {
    EXPECT_FALSE(Decide(analyst, action).allowed) << ActionCode(action);
  }
}

TEST(AccessPolicy, TheLocalOperatorMayActAndIsNamed) {
  const Actor cli = Actor::LocalOperator("root");
  EXPECT_EQ(cli.username, "cli:root");
  for (Action action : kAllActions) EXPECT_TRUE(Decide(cli, action).allowed);
}

}  // namespace
}  // namespace openiom
