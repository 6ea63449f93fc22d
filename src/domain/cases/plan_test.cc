#include "domain/cases/plan.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;

const Date kToday = *ParseIsoDate("2026-03-31");

PlanAction Due(int days_from_today, PlanActionStatus status = PlanActionStatus::kOpen) {
  PlanAction action{.id = 1,
                    .person_id = 7,
                    .pathway = Pathway::kAccommodation,
                    .description = "Housing referral",
                    .owner_agency_id = 3,
                    .due_on = kToday + days(days_from_today),
                    .status = status};
  if (status == PlanActionStatus::kDone) action.done_on = kToday;
  return action;
}

TEST(PlanAction, OnlyAnOpenActionPastItsDueDateIsOverdue) {
  using enum PlanActionStatus;
  struct Case {
    const char* name;
    PlanAction action;
    bool overdue;
  };
  const std::vector<Case> cases = {
      {"due yesterday, open", Due(-1), true},
      {"due a year ago, open", Due(-365), true},
      {"due today, open", Due(0), false},
      {"due tomorrow, open", Due(1), false},
      {"due yesterday, done", Due(-1, kDone), false},
      {"due yesterday, cancelled", Due(-1, kCancelled), false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsOverdue(c.action, kToday), c.overdue) << c.name;
  std::vector<PlanAction> all;
  for (const Case& c : cases) all.push_back(c.action);
  EXPECT_EQ(CountOverdue(all, kToday), 2);
  EXPECT_EQ(CountOverdue(all, kToday + days(1)), 3) << "the next day, the one due today is overdue too";
}

TEST(PlanAction, ProblemsNameTheField) {
  using enum PlanActionStatus;
  struct Case {
    const char* name;
    PlanAction action;
    std::vector<std::string> fields;
  };
  const auto with = [](PlanAction action, auto change) {
    change(action);
    return action;
  };
  const std::vector<Case> cases = {
      {"a support action due today", Due(0), {}},
      {"no description", with(Due(0), [](PlanAction& a) { a.description.clear(); }), {"description"}},
      {"description at the limit",
       with(Due(0), [](PlanAction& a) { a.description = std::string(kMaxPlanActionDescription, 'x'); }),
       {}},
      {"description too long",
       with(Due(0), [](PlanAction& a) { a.description = std::string(kMaxPlanActionDescription + 1, 'x'); }),
       {"description"}},
      {"support with no pathway", with(Due(0), [](PlanAction& a) { a.pathway.reset(); }), {"pathway"}},
      {"enforcement with no pathway",
       with(Due(0),
            [](PlanAction& a) {
              a.pathway.reset();
              a.kind = PlanActionKind::kEnforcement;
            }),
       {}},
      {"disruption with no pathway",
       with(Due(0),
            [](PlanAction& a) {
              a.pathway.reset();
              a.kind = PlanActionKind::kDisruption;
            }),
       {}},
      {"no owning agency", with(Due(0), [](PlanAction& a) { a.owner_agency_id = 0; }), {"owner_agency"}},
      {"due a year ahead", Due(366), {}},
      {"due more than a year ahead", Due(367), {"due_on"}},
      {"new, due a year ago", with(Due(-366), [](PlanAction& a) { a.id = 0; }), {}},
      {"new, due more than a year ago", with(Due(-367), [](PlanAction& a) { a.id = 0; }), {"due_on"}},
      {"stored, due more than a year ago (still overdue, still valid)", Due(-400), {}},
      {"done today", Due(-3, kDone), {}},
      {"done with no date", with(Due(-3, kDone), [](PlanAction& a) { a.done_on.reset(); }), {"done_on"}},
      {"open with a done date", with(Due(-3), [](PlanAction& a) { a.done_on = kToday; }), {"done_on"}},
      {"cancelled with a done date", with(Due(-3, kCancelled), [](PlanAction& a) { a.done_on = kToday; }), {"done_on"}},
      {"done tomorrow", with(Due(-3, kDone), [](PlanAction& a) { a.done_on = kToday + days(1); }), {"done_on"}},
      {"done a year ago", with(Due(-3, kDone), [](PlanAction& a) { a.done_on = kToday - days(366); }), {}},
      {"done more than a year ago",
       with(Due(-3, kDone), [](PlanAction& a) { a.done_on = kToday - days(367); }),
       {"done_on"}},
      {"everything wrong at once",
       with(Due(400),
            [](PlanAction& a) {
              a.description.clear();
              a.pathway.reset();
              a.owner_agency_id = 0;
              a.done_on = kToday;
            }),
       {"description", "pathway", "owner_agency", "due_on", "done_on"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : PlanActionProblems(c.action, kToday)) fields.push_back(problem.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(PlanAction, AnOpenActionIsDoneOrCancelledAndAClosedOneOnlyReopened) {
  using enum PlanActionStatus;
  struct Case {
    PlanActionStatus from, to;
    bool allowed;
  };
  const std::vector<Case> cases = {
      {kOpen, kOpen, false},     {kOpen, kDone, true},       {kOpen, kCancelled, true},
      {kDone, kOpen, true},      {kDone, kDone, false},      {kDone, kCancelled, false},
      {kCancelled, kOpen, true}, {kCancelled, kDone, false}, {kCancelled, kCancelled, false},
  };
  ASSERT_EQ(cases.size(), 9u) << "every pair";
  for (const Case& c : cases) {
    EXPECT_EQ(MayChangeStatus(c.from, c.to), c.allowed) << CodeOf(c.from) << " -> " << CodeOf(c.to);
  }
}

TEST(PlanAction, SupportIsTheCarrotEnforcementAndDisruptionTheStick) {
  EXPECT_FALSE(IsSanction(PlanActionKind::kSupport));
  EXPECT_TRUE(IsSanction(PlanActionKind::kEnforcement));
  EXPECT_TRUE(IsSanction(PlanActionKind::kDisruption));
}

TEST(PlanReview, IsDueOnItsDayAndAfterAndSetForTodayToAYearAhead) {
  EXPECT_FALSE(ReviewDue(kToday + days(1), kToday));
  EXPECT_TRUE(ReviewDue(kToday, kToday));
  EXPECT_TRUE(ReviewDue(kToday - days(1), kToday));
  struct Case {
    int days_from_today;
    bool ok;
  };
  for (const Case& c : std::vector<Case>{{-1, false}, {0, true}, {366, true}, {367, false}}) {
    const FieldProblems problems = PlanReviewProblems(kToday + days(c.days_from_today), kToday);
    EXPECT_EQ(problems.empty(), c.ok) << c.days_from_today;
    if (!problems.empty()) EXPECT_EQ(problems[0].field, "review_on");
  }
}

TEST(PlanAction, ThePlanListsOpenActionsByDueDateThenClosedOnesLatestFirst) {
  using enum PlanActionStatus;
  std::vector<PlanAction> actions = {Due(5), Due(-10, kDone), Due(-2), Due(-1, kCancelled), Due(-2)};
  for (size_t index = 0; index < actions.size(); ++index) actions[index].id = static_cast<int64_t>(index + 1);
  SortPlan(actions);
  std::vector<int64_t> ids;
  for (const PlanAction& a : actions) ids.push_back(a.id);
  EXPECT_EQ(ids, (std::vector<int64_t>{3, 5, 1, 4, 2}));
}

}  // namespace
}  // namespace openiom
