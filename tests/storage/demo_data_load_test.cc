#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "services/cases/case_service.h"
#include "services/cases/custody_service.h"
#include "services/cases/household_service.h"
#include "services/cases/level_service.h"
#include "services/cases/plan_service.h"
#include "services/people/people_service.h"
#include "services/system/demo_data.h"
#include "storage/accounts/agency_repository.h"
#include "storage/cases/case_note_repository.h"
#include "storage/cases/service_referral_repository.h"
#include "storage/cases/team_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoDate("2026-11-23"));

TEST(DemoDataLoad, WritesTheGeneratedDatasetIntoAnEmptyDatabaseOnly) {
  testing::TestDatabase test_database;
  std::unique_ptr<Database> database = test_database.OpenMigrated();
  const DemoDataOptions options{.people = 300, .seed = 3, .as_of = kClock.Today()};
  const DemoDataset dataset = GenerateDemoDataset(options);
  size_t events = 0, identifiers = 0;
  for (const DemoPerson& demo : dataset.people) {
    events += demo.events.size();
    identifiers += demo.identifiers.size();
  }
  const AuditTrail audit(kClock);
  const Actor actor = Actor::LocalOperator("test");
  auto report = LoadDemoData(*database, audit, actor, options, kClock);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->people, 300);
  EXPECT_EQ(report->events, static_cast<int64_t>(events));
  EXPECT_EQ(report->identifiers, static_cast<int64_t>(identifiers));
  EXPECT_EQ(report->agencies, static_cast<int64_t>(dataset.agencies.size()));
  ASSERT_TRUE(database->Read([&](Transaction& tx) -> Status {
    EXPECT_EQ(*tx.Get<PersonRepository>().Count(), 300);
    EXPECT_EQ(*tx.Get<EventRepository>().Count(), static_cast<int64_t>(events));
    EXPECT_EQ(tx.Get<AgencyRepository>().List()->size(), dataset.agencies.size());
    return Status::Ok();
  }).ok());
  // The first stored person is the first generated one, with all their history.
  PeopleService people(*database, audit, kClock);
  auto page = people.List(actor, 1000, 0);
  ASSERT_TRUE(page.ok());
  auto record = people.Get(actor, page->people[0].id);
  ASSERT_TRUE(record.ok());
  EXPECT_FALSE(record->identifiers.empty());

  auto again = LoadDemoData(*database, audit, actor, options, kClock);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(again.status().message(), "demo data goes only into an empty database; this one already holds 300 people");
}

TEST(DemoDataLoad, OnlyTheLocalOperatorMayLoadIt) {
  testing::TestDatabase test_database;
  std::unique_ptr<Database> database = test_database.OpenMigrated();
  const AuditTrail audit(kClock);
  const Actor web_user{.user_id = 1, .username = "admin", .roles = {Role::kAdmin}};
  auto report = LoadDemoData(*database, audit, web_user, {.people = 10, .as_of = kClock.Today()}, kClock);
  EXPECT_EQ(report.status().code(), StatusCode::kPermissionDenied);
}

}  // namespace
}  // namespace openiom

namespace openiom {
namespace {

// The demo cohort gives every case feature something to show: members with leads, contacts, assessments, both
// kinds of override, and a spread of ratings.
TEST(DemoDataLoad, TheDemoCaseloadFillsEveryCaseFeature) {
  testing::TestDatabase test_database;
  std::unique_ptr<Database> database = test_database.OpenMigrated();
  const AuditTrail audit(kClock);
  const Actor actor = Actor::LocalOperator("test");
  ASSERT_TRUE(LoadDemoData(*database, audit, actor, {.people = 300, .seed = 3, .as_of = kClock.Today()}, kClock).ok());
  const Result<DemoCaseloadReport> report = LoadDemoCaseload(*database, audit, actor, 3, kClock.Today(), kClock, 30);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->members, 30);
  EXPECT_GT(report->contacts, 30 * 8);
  EXPECT_GT(report->assessments, 15);
  EXPECT_EQ(report->overrides, 2);
  EXPECT_GE(report->notes, 30) << "a standard note for everyone, and others by chance";
  // Every member has a plan of 1 to 4 actions (up to three support, every other one a sanction) and a review date.
  EXPECT_GE(report->plan_actions, 30);
  EXPECT_LE(report->plan_actions, 30 * 3 + 15);
  EXPECT_GT(report->overdue_actions, 0) << "some actions are overdue";
  EXPECT_LT(report->overdue_actions, report->plan_actions);
  EXPECT_EQ(report->plan_reviews, 30);
  // Households: siblings living together, and a split couple's household; seven links, one of them ended.
  EXPECT_EQ(report->households, 2);
  EXPECT_EQ(report->relationships, 7);
  EXPECT_EQ(LoadDemoCaseload(*database, audit, actor, 3, kClock.Today(), kClock, 30).status().code(),
            StatusCode::kFailedPrecondition)
      << "never a second cohort";
  EXPECT_EQ(LoadDemoCaseload(*database, audit, Actor{.username = "web"}, 3, kClock.Today(), kClock).status().code(),
            StatusCode::kPermissionDenied);

  CaseService cases(*database, audit, kClock);
  const Result<std::vector<CaseloadRow>> cohort = cases.Caseload(actor, {.everyone = true});
  ASSERT_TRUE(cohort.ok()) << cohort.status().ToString();
  ASSERT_EQ(cohort->size(), 30u);
  std::set<BragRating> ratings;
  int with_next_appointment = 0, assessed = 0;
  for (const CaseloadRow& row : *cohort) {
    ratings.insert(row.rating.Shown());
    with_next_appointment += row.next_appointment ? 1 : 0;
    assessed += row.rating.provisional ? 0 : 1;
  }
  EXPECT_GE(ratings.size(), 3u) << "the demo shows more than one or two colours";
  EXPECT_EQ(with_next_appointment, 30) << "everyone has an appointment booked";
  EXPECT_GT(assessed, 15);
  EXPECT_LT(assessed, 30) << "and some are provisional";

  // Notes of every sensitivity, so the notes tab shows what is withheld from whom.
  std::set<Sensitivity> sensitivities;
  int64_t notes = 0;
  ASSERT_TRUE(database->Read([&](Transaction& tx) -> Status {
    for (const CaseloadRow& row : *cohort) {
      ASSIGN_OR_RETURN(const std::vector<CaseNote> found, tx.Get<CaseNoteRepository>().ForPerson(row.person_id));
      for (const CaseNote& note : found) sensitivities.insert(note.sensitivity);
      notes += static_cast<int64_t>(found.size());
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(sensitivities.size(), std::size(kSensitivityTerms));
  EXPECT_EQ(notes, report->notes);

  // The caseload counts each member's overdue actions, as many as the loader made; each plan has both sides.
  int64_t overdue = 0;
  for (const CaseloadRow& row : *cohort) overdue += row.overdue_actions;
  EXPECT_EQ(overdue, report->overdue_actions);
  PlanService plans(*database, audit, kClock);
  int with_support = 0, with_sanction = 0, with_done = 0;
  for (const CaseloadRow& row : *cohort) {
    const Result<PlanView> plan = plans.Plan(actor, row.person_id);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_TRUE(plan->review.has_value());
    bool support = false, sanction = false, done = false;
    for (const PlanAction& action : plan->actions) {
      EXPECT_TRUE(PlanActionProblems(action, kClock.Today()).empty()) << action.description;
      (IsSanction(action.kind) ? sanction : support) = true;
      done = done || action.status == PlanActionStatus::kDone;
    }
    with_support += support ? 1 : 0;
    with_sanction += sanction ? 1 : 0;
    with_done += done ? 1 : 0;
  }
  EXPECT_EQ(with_support, 30) << "support on every member's needs";
  EXPECT_EQ(with_sanction, 15) << "enforcement or disruption for every other member";
  EXPECT_GT(with_done, 0);

  // Teams and referrals to services: named workers of other agencies, a few who have left, and referrals in every
  // status, each valid by the rules and as many as the loader counted.
  std::set<TeamRole> roles;
  std::set<ServiceReferralStatus> statuses;
  int64_t members = 0, left = 0, referrals = 0;
  ASSERT_TRUE(database->Read([&](Transaction& tx) -> Status {
    for (const CaseloadRow& row : *cohort) {
      ASSIGN_OR_RETURN(const std::vector<TeamMember> team, tx.Get<TeamRepository>().TeamFor(row.person_id));
      for (const TeamMember& member : team) {
        roles.insert(member.role);
        left += IsCurrent(member) ? 0 : 1;
        EXPECT_TRUE(TeamMemberProblems(member, kClock.Today()).empty()) << member.worker;
      }
      members += static_cast<int64_t>(team.size());
      ASSIGN_OR_RETURN(const std::vector<ServiceReferral> found,
                       tx.Get<ServiceReferralRepository>().ReferralsFor(row.person_id));
      for (const ServiceReferral& referral : found) {
        statuses.insert(referral.status);
        EXPECT_TRUE(ServiceReferralProblems(referral, kClock.Today()).empty()) << referral.provider;
      }
      referrals += static_cast<int64_t>(found.size());
    }
    return Status::Ok();
  }).ok());
  EXPECT_EQ(members, report->team_members);
  EXPECT_GE(members, 30) << "most members have a drug worker, some more";
  EXPECT_GT(left, 0) << "some have left: the team keeps its history";
  EXPECT_EQ(roles, (std::set<TeamRole>{TeamRole::kDrugWorker, TeamRole::kHousingOfficer, TeamRole::kEmploymentAdviser,
                                       TeamRole::kMentor}))
      << "no demo users here, so no police IOM officer";
  EXPECT_EQ(referrals, report->service_referrals);
  EXPECT_EQ(referrals, 15) << "every other member";
  EXPECT_EQ(statuses.size(), std::size(kServiceReferralStatusTerms)) << "every status";
  // The Household tab has something to show: living with a sibling in the cohort, rated, and a third member at the
  // same recorded address suggested; the DV ex-partner link beside the ended partnership.
  HouseholdService households(*database, audit, kClock);
  int with_household = 0, suggested = 0, rated_relatives = 0, ex_partners = 0;
  for (const CaseloadRow& row : *cohort) {
    const Result<HouseholdView> view = households.Household(actor, row.person_id);
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    with_household += view->household ? 1 : 0;
    suggested += static_cast<int>(view->also_at_address.size());
    for (const RelationshipRow& link : view->relationships) {
      EXPECT_FALSE(link.other.hidden) << "the local operator sees everyone";
      rated_relatives += link.other.in_cohort && link.other.rating ? 1 : 0;
      ex_partners += link.relationship.kind == RelationshipKind::kExPartner ? 1 : 0;
    }
  }
  EXPECT_EQ(with_household, 3) << "two siblings, and the partner who stayed";
  EXPECT_GE(suggested, 2) << "the member who moved in and the sibling whose address it is are suggested to each other";
  EXPECT_EQ(rated_relatives, 14) << "both ends of all seven links are cohort members, with a rating";
  EXPECT_EQ(ex_partners, 2);

  // The Level tab and the Enforcement section have something to show: a level for everyone (some moved up since),
  // schemes, every statutory status, suggestions, warnings given and steps still due; the rules would have accepted
  // every demo step.
  LevelService levels(*database, audit, kClock);
  std::set<StatutoryKind> kinds;
  std::set<EnforcementKind> step_kinds;
  int with_level = 0, moved = 0, suggested_moves = 0, with_due = 0, steps = 0;
  for (const CaseloadRow& row : *cohort) {
    const Result<LevelView> level = levels.Level(actor, row.person_id);
    ASSERT_TRUE(level.ok()) << level.status().ToString();
    with_level += level->level ? 1 : 0;
    moved += level->history.size() > 1 ? 1 : 0;
    suggested_moves += level->suggestion ? 1 : 0;
    if (level->status) kinds.insert(level->status->kind);
    const Result<CaseView> view = cases.Case(actor, row.person_id);
    ASSERT_TRUE(view.ok()) << view.status().ToString();
    with_due += view->enforcement_due.empty() ? 0 : 1;
    for (const EnforcementStep& step : view->enforcement) {
      ++steps;
      step_kinds.insert(step.kind);
      EXPECT_FALSE(step.agency.empty()) << "listed with the agency that took it";
    }
  }
  EXPECT_EQ(with_level, 30);
  EXPECT_EQ(report->level_changes, 30 + moved);
  EXPECT_GT(moved, 0);
  EXPECT_GT(suggested_moves, 0) << "some suggestions for a manager to answer";
  EXPECT_EQ(kinds.size(), std::size(kStatutoryKindTerms)) << "every statutory status";
  EXPECT_EQ(steps, report->enforcement_steps);
  EXPECT_TRUE(step_kinds.contains(EnforcementKind::kWarning));
  EXPECT_GT(with_due, 0) << "some failures still await a step";

  // Custody, through the custody service: three episodes, releases due within 28 days (one on a Friday), with their
  // checklists under way.
  CustodyService custody(*database, audit, kClock);
  const Result<int> episodes = AddDemoCustody(*database, custody, actor, kClock.Today());
  ASSERT_TRUE(episodes.ok()) << episodes.status().ToString();
  EXPECT_EQ(*episodes, 3);
  const Result<std::vector<ReleaseDueView>> due = custody.ReleasesDue(actor);
  ASSERT_TRUE(due.ok()) << due.status().ToString();
  ASSERT_EQ(due->size(), 3u);
  EXPECT_EQ(std::count_if(due->begin(), due->end(), [](const ReleaseDueView& r) { return r.friday; }), 1);
  for (const ReleaseDueView& release : *due) EXPECT_GT(release.open_items, 0) << "half the checklist is still open";
}

}  // namespace
}  // namespace openiom
