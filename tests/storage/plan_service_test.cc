// The plan on both backends, with a fixed day: actions stored and read back exactly with their owners' names, the
// plan's order, overdue worked out on the day (due yesterday is overdue, due today is not), status changes with their
// versions, each owner's overdue actions, review dates, and who may change a plan (the rules themselves are tested
// in domain/cases/plan_test.cc).
#include "services/cases/plan_service.h"

#include <gtest/gtest.h>

#include "services/audit/audit_trail.h"
#include "storage/accounts/agency_repository.h"
#include "storage/accounts/user_repository.h"
#include "storage/audit/audit_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"
#include "support/test_database.h"

namespace openiom {
namespace {

const FixedClock kClock(*ParseIsoTimestamp("2026-11-30T10:00:00Z"));

class PlanServiceTest : public ::testing::Test {
 protected:
  PlanServiceTest() : database_(test_database_.OpenMigrated()) {}

  void SetUp() override {
    ASSERT_TRUE(database_
                    ->Write([&](Transaction& tx) -> Status {
                      AgencyRepository& agencies = tx.Get<AgencyRepository>();
                      ASSIGN_OR_RETURN(police_, agencies.Create({0, "Cleveland Police", AgencyKind::kPolice}));
                      ASSIGN_OR_RETURN(housing_, agencies.Create({0, "Tees Housing", AgencyKind::kHousing}));
                      const auto user = [&](std::string username, std::string name, AgencyId agency, Role role) {
                        return tx.Get<UserRepository>().Create({.username = std::move(username),
                                                                .display_name = std::move(name),
                                                                .agency_id = agency,
                                                                .roles = {role},
                                                                .password_changed_at = kClock.Now(),
                                                                .created_at = kClock.Now()},
                                                               "not-a-hash");
                      };
                      ASSIGN_OR_RETURN(officer_.user_id, user("p.c", "PC Jones", police_, Role::kPractitioner));
                      ASSIGN_OR_RETURN(housing_worker_.user_id,
                                       user("h.worker", "Hana Worker", housing_, Role::kPractitioner));
                      ASSIGN_OR_RETURN(analyst_id_, user("a.nalyst", "Ann Analyst", police_, Role::kAnalyst));
                      Person person{.surname = "Testington",
                                    .forenames = "Ann",
                                    .date_of_birth = *ParseIsoDate("1990-01-01"),
                                    .gender = Gender::kFemale,
                                    .created_at = kClock.Now(),
                                    .updated_at = kClock.Now()};
                      ASSIGN_OR_RETURN(ann_, tx.Get<PersonRepository>().Create(person));
                      return Status::Ok();
                    })
                    .ok());
    officer_.agency_id = police_;
    housing_worker_.agency_id = housing_;
  }

  PlanActionInput Input(std::string kind, std::string pathway, std::string due_on, std::string owner_user = "",
                        std::string owner_agency = "") {
    return {.kind = std::move(kind),
            .pathway = std::move(pathway),
            .description = "Refer to the housing options team",
            .owner_agency_id = std::move(owner_agency),
            .owner_user_id = std::move(owner_user),
            .due_on = std::move(due_on)};
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
  PlanService plans_{*database_, audit_, kClock};
  Actor officer_{.username = "p.c", .agency_name = "Cleveland Police", .roles = {Role::kPractitioner}};
  Actor housing_worker_{.username = "h.worker",
                        .agency_name = "Tees Housing",
                        .agency_kind = AgencyKind::kHousing,
                        .roles = {Role::kPractitioner}};
  AgencyId police_ = 0, housing_ = 0;
  UserId analyst_id_ = 0;
  PersonId ann_ = 0;
};

TEST_F(PlanServiceTest, ActionsAreStoredExactlyAndOverdueIsWorkedOutOnTheDay) {
  const std::string officer = std::to_string(officer_.user_id);
  const Result<PlanActionId> yesterday =
      plans_.AddAction(officer_, ann_, Input("support", "accommodation", "2026-11-29", officer));
  ASSERT_TRUE(yesterday.ok()) << yesterday.status().ToString();
  const Result<PlanActionId> today =
      plans_.AddAction(officer_, ann_, Input("support", "health", "2026-11-30", officer));
  ASSERT_TRUE(today.ok()) << today.status().ToString();
  // A disruption action with no pathway, owned by an agency with no one named; due a month ago.
  PlanActionInput disruption = Input("disruption", "", "2026-10-30", "", std::to_string(housing_));
  disruption.description = "  Curfew checks with the neighbourhood team  ";
  const Result<PlanActionId> agency_owned = plans_.AddAction(officer_, ann_, disruption);
  ASSERT_TRUE(agency_owned.ok()) << agency_owned.status().ToString();
  ASSERT_TRUE(plans_.AddAction(officer_, ann_, Input("enforcement", "", "2026-12-14", officer)).ok());

  const Result<PlanView> plan = plans_.Plan(officer_, ann_);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_EQ(plan->today, *ParseIsoDate("2026-11-30"));
  ASSERT_EQ(plan->actions.size(), 4u);
  const PlanAction& first = plan->actions[0];  // open ones by due date: the disruption first
  EXPECT_EQ(first.id, *agency_owned);
  EXPECT_EQ(first.kind, PlanActionKind::kDisruption);
  EXPECT_FALSE(first.pathway.has_value());
  EXPECT_EQ(first.description, "Curfew checks with the neighbourhood team") << "trimmed";
  EXPECT_EQ(first.owner_agency_id, housing_);
  EXPECT_EQ(first.owner_agency, "Tees Housing");
  EXPECT_FALSE(first.owner_user_id.has_value());
  EXPECT_EQ(first.owner, "");
  EXPECT_EQ(first.status, PlanActionStatus::kOpen);
  EXPECT_EQ(first.recorded_by, "p.c");
  EXPECT_EQ(first.recorded_at, kClock.Now());
  EXPECT_EQ(first.version, 1);
  const PlanAction& second = plan->actions[1];
  EXPECT_EQ(second.id, *yesterday);
  EXPECT_EQ(second.pathway, Pathway::kAccommodation);
  EXPECT_EQ(second.owner_user_id, officer_.user_id);
  EXPECT_EQ(second.owner, "PC Jones");
  EXPECT_EQ(second.owner_agency, "Cleveland Police") << "a named owner's agency, when none is chosen";
  EXPECT_EQ(second.due_on, *ParseIsoDate("2026-11-29"));
  EXPECT_EQ(plan->actions[2].id, *today);
  EXPECT_TRUE(IsOverdue(first, plan->today));
  EXPECT_TRUE(IsOverdue(second, plan->today)) << "due yesterday";
  EXPECT_FALSE(IsOverdue(plan->actions[2], plan->today)) << "due today";
  EXPECT_EQ(CountOverdue(plan->actions, plan->today), 2);

  // The officer's own overdue actions: the one due yesterday, not the agency's, not the one due today.
  const Result<std::vector<OwnedPlanAction>> mine = plans_.MyOverdueActions(officer_);
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].action.id, *yesterday);
  EXPECT_EQ((*mine)[0].surname, "Testington");
  EXPECT_EQ((*mine)[0].forenames, "Ann");
  EXPECT_TRUE(plans_.MyOverdueActions(housing_worker_)->empty());
  const std::vector<AuditEntry> entries = Entries();
  EXPECT_EQ(entries.back().action, "view_caseload");
  EXPECT_EQ(entries.back().detail, "my overdue plan actions: 0");

  // Done (today), stale, done twice, reopened, cancelled: each with the version the form showed.
  EXPECT_EQ(plans_.SetActionStatus(officer_, ann_, *yesterday, 2, {.status = "done"}).code(), StatusCode::kStale);
  ASSERT_TRUE(plans_.SetActionStatus(officer_, ann_, *yesterday, 1, {.status = "done"}).ok());
  EXPECT_EQ(plans_.SetActionStatus(officer_, ann_, *yesterday, 2, {.status = "done"}).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(plans_.SetActionStatus(officer_, ann_, *yesterday, 2, {.status = "overdue"}).code(),
            StatusCode::kInvalidArgument)
      << "overdue is never stored";
  EXPECT_EQ(plans_.SetActionStatus(officer_, ann_ + 1, *yesterday, 2, {.status = "open"}).code(), StatusCode::kNotFound)
      << "an action is changed only through its own person";
  Result<PlanView> after = plans_.Plan(officer_, ann_);
  const auto find = [](const PlanView& view, PlanActionId id) {
    for (const PlanAction& a : view.actions) {
      if (a.id == id) return a;
    }
    return PlanAction{};
  };
  PlanAction done = find(*after, *yesterday);
  EXPECT_EQ(done.status, PlanActionStatus::kDone);
  EXPECT_EQ(done.done_on, *ParseIsoDate("2026-11-30"));
  EXPECT_EQ(done.version, 2);
  EXPECT_EQ(after->actions.back().id, *yesterday) << "closed actions after open ones";
  EXPECT_TRUE(plans_.MyOverdueActions(officer_)->empty());
  ASSERT_TRUE(plans_.SetActionStatus(officer_, ann_, *yesterday, 2, {.status = "open"}).ok());
  EXPECT_EQ(plans_.MyOverdueActions(officer_)->size(), 1u) << "reopened, and overdue again";
  ASSERT_TRUE(plans_.SetActionStatus(officer_, ann_, *yesterday, 3, {.status = "cancelled"}).ok());
  after = plans_.Plan(officer_, ann_);
  done = find(*after, *yesterday);
  EXPECT_EQ(done.status, PlanActionStatus::kCancelled);
  EXPECT_FALSE(done.done_on.has_value());
  EXPECT_EQ(CountOverdue(after->actions, after->today), 1);
  // Done on a day typed: not in the future.
  const Status future = plans_.SetActionStatus(officer_, ann_, *today, 1, {.status = "done", .done_on = "2026-12-01"});
  EXPECT_EQ(Fields(future), (std::vector<std::string>{"done_on"}));
  ASSERT_TRUE(plans_.SetActionStatus(officer_, ann_, *today, 1, {.status = "done", .done_on = "2026-11-28"}).ok());
  EXPECT_EQ(find(*plans_.Plan(officer_, ann_), *today).done_on, *ParseIsoDate("2026-11-28"));
}

TEST_F(PlanServiceTest, BadInputNamesEveryFieldAndTheOwnerMustBeFromTheLists) {
  const Result<PlanActionId> empty = plans_.AddAction(officer_, ann_, {});
  ASSERT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(empty.status()),
            (std::vector<std::string>{"kind", "due_on", "description", "pathway", "owner_agency"}));
  const std::string officer = std::to_string(officer_.user_id);
  const auto owner_problems = [&](std::string user, std::string agency) {
    return Fields(
        plans_.AddAction(officer_, ann_, Input("support", "accommodation", "2026-12-01", user, agency)).status());
  };
  EXPECT_EQ(owner_problems(officer, std::to_string(housing_)), (std::vector<std::string>{"owner_user"}))
      << "a named owner works for the owning agency";
  EXPECT_EQ(owner_problems(std::to_string(analyst_id_), ""), (std::vector<std::string>{"owner_user", "owner_agency"}))
      << "an analyst does not own case work";
  EXPECT_EQ(owner_problems("999999", ""), (std::vector<std::string>{"owner_user", "owner_agency"}));
  EXPECT_EQ(owner_problems("", "999999"), (std::vector<std::string>{"owner_agency"}));
  EXPECT_EQ(owner_problems("", "police"), (std::vector<std::string>{"owner_agency"}));
  EXPECT_EQ(Fields(plans_.AddAction(officer_, ann_, Input("support", "astrology", "2026-12-01", officer)).status()),
            (std::vector<std::string>{"pathway"}));
  EXPECT_EQ(Fields(plans_.AddAction(officer_, ann_, Input("support", "health", "2027-12-02", officer)).status()),
            (std::vector<std::string>{"due_on"}))
      << "more than a year away";
  EXPECT_TRUE(plans_.Plan(officer_, ann_)->actions.empty()) << "nothing was stored";
  EXPECT_EQ(plans_.AddAction(officer_, ann_ + 1, Input("support", "health", "2026-12-01", officer)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(Entries().back().outcome, AuditOutcome::kFailure) << "no such person is audited";
}

TEST_F(PlanServiceTest, AnAgencyThatDoesNotWorkWithThePersonCannotChangeTheirPlanAndIsAudited) {
  const Result<PlanActionId> refused = plans_.AddAction(
      housing_worker_, ann_, Input("support", "accommodation", "2026-12-01", std::to_string(housing_worker_.user_id)));
  EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied);
  const AuditEntry last = Entries().back();
  EXPECT_EQ(last.action, "manage_plan");
  EXPECT_EQ(last.outcome, AuditOutcome::kDenied);
  EXPECT_EQ(last.username, "h.worker");
  EXPECT_EQ(plans_.Plan(housing_worker_, ann_).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(plans_.SetReviewDate(housing_worker_, ann_, "2026-12-31").code(), StatusCode::kPermissionDenied);
  const Actor analyst{.user_id = analyst_id_, .username = "a.nalyst", .roles = {Role::kAnalyst}};
  EXPECT_EQ(plans_.Owners(analyst).status().code(), StatusCode::kPermissionDenied);
  const Result<PlanOwners> owners = plans_.Owners(officer_);
  ASSERT_TRUE(owners.ok());
  ASSERT_EQ(owners->users.size(), 2u) << "practitioners and managers, not the analyst";
  EXPECT_EQ(owners->users[0].name, "Hana Worker") << "by name";
  EXPECT_EQ(owners->users[1].name, "PC Jones");
  EXPECT_EQ(owners->agencies.size(), 2u);
}

TEST_F(PlanServiceTest, TheReviewDateIsSetFromTodayToAYearAheadAndReplaced) {
  EXPECT_FALSE(plans_.Plan(officer_, ann_)->review.has_value());
  EXPECT_EQ(Fields(plans_.SetReviewDate(officer_, ann_, "2026-11-29")), (std::vector<std::string>{"review_on"}));
  EXPECT_EQ(Fields(plans_.SetReviewDate(officer_, ann_, "2026-02-30")), (std::vector<std::string>{"review_on"}));
  ASSERT_TRUE(plans_.SetReviewDate(officer_, ann_, "2026-11-30").ok());
  Result<PlanView> plan = plans_.Plan(officer_, ann_);
  ASSERT_TRUE(plan->review.has_value());
  EXPECT_EQ(plan->review->review_on, *ParseIsoDate("2026-11-30"));
  EXPECT_EQ(plan->review->set_by, "p.c");
  EXPECT_TRUE(ReviewDue(plan->review->review_on, plan->today)) << "due on its day";
  ASSERT_TRUE(plans_.SetReviewDate(officer_, ann_, "2027-02-28").ok());
  plan = plans_.Plan(officer_, ann_);
  EXPECT_EQ(plan->review->review_on, *ParseIsoDate("2027-02-28"));
  EXPECT_FALSE(ReviewDue(plan->review->review_on, plan->today));
}

}  // namespace
}  // namespace openiom
