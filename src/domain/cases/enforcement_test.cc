#include "domain/cases/enforcement.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;
using enum EnforcementKind;

const Date kToday = *ParseIsoDate("2026-06-30");

Date Ago(int n) { return kToday - days(n); }

Contact Failed(ContactId id, int days_ago, ContactOutcome outcome = ContactOutcome::kFailedUnacceptable) {
  return {.id = id, .person_id = 7, .on = Ago(days_ago), .outcome = outcome};
}

EnforcementStep Step(EnforcementStepId id, EnforcementKind kind, std::optional<ContactId> contact, int days_ago,
                     std::string reason = "second failure in the year") {
  return {.id = id, .person_id = 7, .kind = kind, .contact_id = contact, .on = Ago(days_ago), .reason = reason};
}

StatutoryStatus Status(StatutoryKind kind, int from_days_ago) {
  return {.id = 1, .kind = kind, .starts_on = Ago(from_days_ago), .ends_on = kToday + days(300)};
}

std::string Due(const std::vector<EnforcementDue>& due) {
  std::string text;
  for (const EnforcementDue& d : due) text += fmt::format("{}:{} ", d.contact_id, CodeOf(d.kind));
  return text;
}

TEST(EnforcementDueOn, WarningThenBreachOrRecallWithinAYear) {
  using enum StatutoryKind;
  struct Case {
    const char* name;
    std::vector<Contact> contacts;
    std::vector<EnforcementStep> steps;
    std::vector<StatutoryStatus> statuses;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"a first failure: a warning", {Failed(1, 10)}, {}, {}, "1:warning "},
      {"an acceptable absence: nothing", {Failed(1, 10, ContactOutcome::kFailedAcceptable)}, {}, {}, ""},
      {"answered by a warning: nothing", {Failed(1, 10)}, {Step(1, kWarning, 1, 9)}, {}, ""},
      {"a second failure after the warning: breach", {Failed(1, 40), Failed(2, 5)}, {Step(1, kWarning, 1, 39)}, {},
       "2:breach "},
      {"on licence: a recall request", {Failed(1, 40), Failed(2, 5)}, {Step(1, kWarning, 1, 39)},
       {Status(kLicence, 100)}, "2:recall_request "},
      {"community order: breach", {Failed(1, 40), Failed(2, 5)}, {Step(1, kWarning, 1, 39)},
       {Status(kCommunityOrder, 100)}, "2:breach "},
      {"voluntary engagement cannot be enforced", {Failed(1, 10)}, {}, {Status(kVoluntary, 100)}, ""},
      {"a warning 365 days before the failure still counts", {Failed(1, 370), Failed(2, 5)},
       {Step(1, kWarning, 1, 370)}, {}, "2:breach "},
      {"366 days before: a new warning", {Failed(1, 371), Failed(2, 5)}, {Step(1, kWarning, 1, 371)}, {},
       "2:warning "},
      {"a warning given after the failure does not count for it", {Failed(1, 40), Failed(2, 30)},
       {Step(1, kWarning, 1, 20)}, {}, "2:warning "},
      {"two failures, neither answered: oldest first, both warnings", {Failed(2, 5), Failed(1, 40)}, {}, {},
       "1:warning 2:warning "},
      {"a failure tomorrow is not yet one", {Failed(1, -1)}, {}, {}, ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Due(EnforcementDueOn(c.contacts, c.steps, c.statuses, kToday)), c.expected) << c.name;
}

TEST(EnforcementDueOn, SaysWhichWarningItFollows) {
  const std::vector<EnforcementDue> due =
      EnforcementDueOn({Failed(1, 40), Failed(2, 5)}, {Step(1, kWarning, 1, 39)}, {}, kToday);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].text, "Office appointment on 25 June 2026 failed unacceptably, within a year of the warning on "
                         "22 May 2026: breach action is due");
}

TEST(EnforcementProblems, EachFieldAtItsEdges) {
  const std::vector<Contact> contacts = {Failed(1, 40), Failed(2, 5), Failed(3, 3, ContactOutcome::kAttended)};
  const std::vector<EnforcementStep> steps = {Step(1, kWarning, 1, 39)};
  struct Case {
    const char* name;
    EnforcementStep step;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"breach after a warning", Step(0, kBreach, 2, 0), {}},
      {"a warning for the second failure is also allowed", Step(0, kWarning, 2, 0, ""), {}},
      {"breach for the failure the warning answered", Step(0, kBreach, 1, 0), {"contact", "kind"}},
      {"breach naming no appointment", Step(0, kBreach, std::nullopt, 0), {"contact"}},
      {"a warning for an attended appointment", Step(0, kWarning, 3, 0), {"contact"}},
      {"another person's appointment", Step(0, kWarning, 99, 0), {"contact"}},
      {"a recall request needs no appointment", Step(0, kRecallRequest, std::nullopt, 0), {}},
      {"a recall request needs a reason", Step(0, kRecallRequest, std::nullopt, 0, "breach"), {"reason"}},
      {"before the failure", Step(0, kBreach, 2, 6), {"on"}},
      {"on the day of the failure", Step(0, kBreach, 2, 5), {}},
      {"tomorrow", Step(0, kBreach, 2, -1), {"on"}},
      {"breach needs a reason", Step(0, kBreach, 2, 0, "late"), {"reason"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& p : EnforcementProblems(c.step, contacts, steps, kToday)) fields.push_back(p.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
  // Breach for a failure with no earlier warning names the rule.
  const std::vector<EnforcementStep> none;
  const FieldProblems problems = EnforcementProblems(Step(0, kBreach, 2, 0), contacts, none, kToday);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "kind");
}

TEST(OutcomeProblems, OutcomesFitTheirKind) {
  using enum EnforcementOutcome;
  const EnforcementStep breach = Step(1, kBreach, 2, 10);
  const EnforcementStep recall = Step(2, kRecallRequest, std::nullopt, 10);
  EXPECT_TRUE(OutcomeProblems(breach, kProven, kToday, kToday).empty());
  EXPECT_TRUE(OutcomeProblems(breach, kWithdrawn, Ago(10), kToday).empty()) << "on the step's day";
  EXPECT_TRUE(OutcomeProblems(recall, kRecalled, kToday, kToday).empty());
  EXPECT_EQ(OutcomeProblems(breach, kRecalled, kToday, kToday)[0].field, "outcome");
  EXPECT_EQ(OutcomeProblems(recall, kNotProven, kToday, kToday)[0].field, "outcome");
  EXPECT_EQ(OutcomeProblems(Step(3, kWarning, 1, 10), kProven, kToday, kToday)[0].field, "outcome");
  EXPECT_EQ(OutcomeProblems(breach, kProven, Ago(11), kToday)[0].field, "outcome_on");
  EXPECT_EQ(OutcomeProblems(breach, kProven, kToday + days(1), kToday)[0].field, "outcome_on");
  EnforcementStep decided = breach;
  decided.outcome = kNotProven;
  EXPECT_EQ(OutcomeProblems(decided, kProven, kToday, kToday)[0].field, "outcome");
}

}  // namespace
}  // namespace openiom
