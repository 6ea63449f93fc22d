#include "domain/cases/level.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;
using enum ServiceLevel;

const Date kToday = *ParseIsoDate("2026-06-30");

Date Ago(int n) { return kToday - days(n); }

LevelChange Level(ServiceLevel level, int days_ago, int64_t id = 1) {
  return {.id = id, .person_id = 7, .level = level, .on = Ago(days_ago), .reason = "set at the panel"};
}

Event E(EventKind kind, int days_ago, int64_t id = 10) {
  return {.id = id, .person_id = 7, .kind = kind, .event_date = Ago(days_ago)};
}

Contact C(int days_ago, ContactOutcome outcome, int64_t id = 100) {
  return {.id = id, .person_id = 7, .on = Ago(days_ago), .outcome = outcome};
}

std::vector<Contact> Attended(int n, int from_days_ago = 1) {
  std::vector<Contact> contacts;
  for (int i = 0; i < n; ++i) contacts.push_back(C(from_days_ago + 7 * i, ContactOutcome::kAttended, 100 + i));
  return contacts;
}

LevelDecision UpDismissed(ServiceLevel from, int facts_days_ago) {
  return {.direction = LevelDirection::kUp, .from = from, .facts_through = Ago(facts_days_ago),
          .decided_on = Ago(facts_days_ago)};
}

std::string Rules(const std::optional<LevelSuggestion>& s) {
  if (!s) return "none";
  std::string text = fmt::format("{} {}->{}:", CodeOf(s->direction), LevelNumber(s->from), LevelNumber(s->to));
  for (const LevelReason& r : s->reasons) text += " " + std::string(CodeOf(r.rule));
  return text;
}

TEST(LevelNumber, FollowsThePyramid) {
  EXPECT_EQ(LevelNumber(kIntensive), 1);
  EXPECT_EQ(LevelNumber(kEnhanced), 2);
  EXPECT_EQ(LevelNumber(kStandard), 3);
}

TEST(LevelOn, TheLatestChangeOnOrBeforeTheDayWithTheLaterIdOnATie) {
  const std::vector<LevelChange> changes = {Level(kStandard, 100, 1), Level(kEnhanced, 50, 2),
                                            Level(kIntensive, 50, 3), Level(kStandard, -1, 4)};
  EXPECT_FALSE(LevelOn(changes, Ago(101)));
  EXPECT_EQ(LevelOn(changes, Ago(100))->level, kStandard);
  EXPECT_EQ(LevelOn(changes, Ago(51))->level, kStandard);
  EXPECT_EQ(LevelOn(changes, Ago(50))->level, kIntensive);
  EXPECT_EQ(LevelOn(changes, kToday)->level, kIntensive) << "a change dated tomorrow is not in force";
}

TEST(SuggestLevel, UpAndDownAtTheirEdges) {
  using enum EventKind;
  struct Case {
    const char* name;
    LevelFacts facts;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"no level: nothing", {.events = {E(kArrest, 1)}}, "none"},
      {"arrest after the level was set, on 3", {{Level(kStandard, 60)}, {E(kArrest, 5)}, {}, {}}, "up 3->2: up_arrest"},
      {"arrest on the day the level was set does not count", {{Level(kStandard, 60)}, {E(kArrest, 60)}, {}, {}},
       "none"},
      {"arrest the day after it was set counts", {{Level(kStandard, 60)}, {E(kArrest, 59)}, {}, {}},
       "up 3->2: up_arrest"},
      {"charge, warrant and recall on 2 suggest 1",
       {{Level(kEnhanced, 60)}, {E(kCharge, 30, 1), E(kWarrant, 20, 2), E(kRecall, 10, 3)}, {}, {}},
       "up 2->1: up_charge up_warrant up_recall"},
      {"nothing above level 1", {{Level(kIntensive, 60)}, {E(kArrest, 5)}, {}, {}}, "none"},
      {"a conviction or breach is not a trigger", {{Level(kStandard, 60)}, {E(kConviction, 5), E(kBreach, 4)}, {}, {}},
       "none"},
      {"an arrest tomorrow is not known yet", {{Level(kStandard, 60)}, {E(kArrest, -1)}, {}, {}}, "none"},
      {"in custody: nothing",
       {{Level(kStandard, 60)}, {E(kArrest, 20, 1), E(kCustodyStart, 19, 2)}, {}, {}}, "none"},
      {"released 28 days ago from level 3",
       {{Level(kStandard, 100)}, {E(kCustodyStart, 60, 1), E(kRelease, 28, 2)}, {}, {}}, "up 3->2: up_release"},
      {"released 29 days ago: no longer",
       {{Level(kStandard, 100)}, {E(kCustodyStart, 60, 1), E(kRelease, 29, 2)}, {}, {}}, "none"},
      {"release does not move level 2 up",
       {{Level(kEnhanced, 100)}, {E(kCustodyStart, 60, 1), E(kRelease, 10, 2)}, {}, {}}, "none"},
      {"quiet 180 days and 100% compliance on 1", {{Level(kIntensive, 180)}, {}, Attended(5), {}},
       "down 1->2: down_quiet"},
      {"on the level 179 days: not yet", {{Level(kIntensive, 179)}, {}, Attended(5), {}}, "none"},
      // An arrest since the level was set suggests up; once that is dismissed, it still holds the level for 180 days.
      {"arrest 180 days ago, up dismissed, still counts",
       {{Level(kEnhanced, 400)}, {E(kArrest, 180)}, Attended(5), {UpDismissed(kEnhanced, 180)}}, "none"},
      {"arrest 181 days ago, up dismissed, is clear",
       {{Level(kEnhanced, 400)}, {E(kArrest, 181)}, Attended(5), {UpDismissed(kEnhanced, 181)}},
       "down 2->3: down_quiet"},
      {"compliance 90% is enough",
       {{Level(kEnhanced, 400)}, {}, [] {
          std::vector<Contact> c = Attended(9);
          c.push_back(C(3, ContactOutcome::kFailedUnacceptable, 200));
          return c;
        }(), {}},
       "down 2->3: down_quiet"},
      {"compliance 8 of 9 is not",
       {{Level(kEnhanced, 400)}, {}, [] {
          std::vector<Contact> c = Attended(8);
          c.push_back(C(3, ContactOutcome::kFailedUnacceptable, 200));
          return c;
        }(), {}},
       "none"},
      {"no appointment counted: no basis to move down", {{Level(kEnhanced, 400)}, {}, {}, {}}, "none"},
      {"level 3 does not go down", {{Level(kStandard, 400)}, {}, Attended(5), {}}, "none"},
  };
  const LevelConfig config;
  for (const Case& c : cases) EXPECT_EQ(Rules(SuggestLevel(c.facts, config, kToday)), c.expected) << c.name;
}

TEST(SuggestLevel, ReasonsNameTheFactAndItsDay) {
  const LevelFacts facts{{Level(kStandard, 60)}, {E(EventKind::kWarrant, 5)}, {}, {}};
  const std::optional<LevelSuggestion> s = SuggestLevel(facts, LevelConfig{}, kToday);
  ASSERT_TRUE(s);
  ASSERT_EQ(s->reasons.size(), 1u);
  EXPECT_EQ(s->reasons[0].text, "Warrant issued on 25 June 2026");
  EXPECT_EQ(s->reasons[0].date, Ago(5));
  EXPECT_EQ(s->facts_through, Ago(5));
}

TEST(SuggestLevel, ADecisionSilencesTheSameSuggestionUntilANewerFact) {
  LevelFacts facts{{Level(kStandard, 60)}, {E(EventKind::kArrest, 10, 1)}, {}, {}};
  facts.decisions.push_back({.direction = LevelDirection::kUp, .from = kStandard, .to = kEnhanced,
                             .facts_through = Ago(10), .decided_on = Ago(8)});
  EXPECT_EQ(Rules(SuggestLevel(facts, LevelConfig{}, kToday)), "none");
  EXPECT_EQ(Rules(SuggestLevel(facts, LevelConfig{}, Ago(9))), "up 3->2: up_arrest") << "before the decision";
  facts.events.push_back(E(EventKind::kCharge, 2, 2));
  EXPECT_EQ(Rules(SuggestLevel(facts, LevelConfig{}, kToday)), "up 3->2: up_arrest up_charge");
  // A decision about another level's suggestion does not silence this one.
  facts.events.pop_back();
  facts.decisions[0].from = kEnhanced;
  EXPECT_EQ(Rules(SuggestLevel(facts, LevelConfig{}, kToday)), "up 3->2: up_arrest");
}

TEST(SuggestLevel, ADismissedDownSuggestionComesBackAfterTheQuietDays) {
  LevelFacts facts{{Level(kIntensive, 400)}, {}, Attended(5), {}};
  facts.decisions.push_back({.direction = LevelDirection::kDown, .from = kIntensive, .to = kEnhanced,
                             .facts_through = Ago(89), .decided_on = Ago(89)});
  EXPECT_EQ(Rules(SuggestLevel(facts, LevelConfig{}, kToday)), "none") << "89 days after";
  facts.decisions[0].decided_on = Ago(90);
  EXPECT_EQ(Rules(SuggestLevel(facts, LevelConfig{}, kToday)), "down 1->2: down_quiet") << "90 days after";
}

TEST(SuggestLevel, TheParametersAreUsed) {
  LevelConfig config;
  config.clear_days = 30;
  config.down_compliance = 100;
  std::vector<Contact> contacts = Attended(3);
  const LevelFacts facts{{Level(kEnhanced, 30)}, {E(EventKind::kArrest, 31)}, contacts, {}};
  EXPECT_EQ(Rules(SuggestLevel(facts, config, kToday)), "down 2->3: down_quiet");
  contacts.push_back(C(2, ContactOutcome::kFailedUnacceptable, 300));
  EXPECT_EQ(Rules(SuggestLevel({{Level(kEnhanced, 30)}, {}, contacts, {}}, config, kToday)), "none");
  config.release_days = 5;
  EXPECT_EQ(Rules(SuggestLevel({{Level(kStandard, 100)}, {E(EventKind::kCustodyStart, 60, 1),
                                                          E(EventKind::kRelease, 6, 2)}, {}, {}},
                               config, kToday)),
            "none");
}

TEST(LevelChangeProblems, ReasonDayAndSameLevel) {
  const std::vector<LevelChange> existing = {Level(kStandard, 30)};
  struct Case {
    const char* name;
    LevelChange change;
    std::vector<std::string> fields;
  };
  const auto change = [](ServiceLevel level, int days_ago, std::string reason) {
    return LevelChange{.level = level, .on = Ago(days_ago), .reason = std::move(reason)};
  };
  const std::vector<Case> cases = {
      {"fine", change(kEnhanced, 0, "arrested for burglary"), {}},
      {"short reason", change(kEnhanced, 0, "burglary"), {"reason"}},
      {"ten characters is enough", change(kEnhanced, 0, "0123456789"), {}},
      {"tomorrow", change(kEnhanced, -1, "arrested for burglary"), {"on"}},
      {"365 days ago", change(kEnhanced, 365, "arrested for burglary"), {}},
      {"366 days ago", change(kEnhanced, 366, "arrested for burglary"), {"on"}},
      {"already on it", change(kStandard, 0, "arrested for burglary"), {"level"}},
      {"before the first level, the same level is a change", change(kStandard, 31, "put on the pyramid"), {}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& p : LevelChangeProblems(c.change, existing, kToday)) fields.push_back(p.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(SchemeProblems, OrdersNeedAnEndAndDuplicatesAreRefused) {
  const std::vector<SchemeMembership> existing = {
      {.id = 1, .scheme = CaseScheme::kPpo, .starts_on = Ago(100)},
      {.id = 2, .scheme = CaseScheme::kDrr, .starts_on = Ago(300), .ends_on = Ago(10)},
  };
  struct Case {
    const char* name;
    SchemeMembership m;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"women's cohort", {.scheme = CaseScheme::kWomen, .starts_on = kToday}, {}},
      {"DRR without an end", {.scheme = CaseScheme::kDrr, .starts_on = kToday}, {"ends_on"}},
      {"SCPO with an end", {.scheme = CaseScheme::kScpo, .starts_on = kToday, .ends_on = kToday + days(730)}, {}},
      {"end on the start day", {.scheme = CaseScheme::kScpo, .starts_on = kToday, .ends_on = kToday}, {"ends_on"}},
      {"PPO again", {.scheme = CaseScheme::kPpo, .starts_on = kToday}, {"scheme"}},
      {"a new DRR after the last ended", {.scheme = CaseScheme::kDrr, .starts_on = Ago(9), .ends_on = Ago(-170)}, {}},
      {"a DRR overlapping the last one's end day",
       {.scheme = CaseScheme::kDrr, .starts_on = Ago(10), .ends_on = Ago(-170)}, {"scheme"}},
      {"starting two years ago", {.scheme = CaseScheme::kHcc, .starts_on = Ago(730)}, {"starts_on"}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> fields;
    for (const FieldProblem& p : SchemeProblems(c.m, existing, kToday)) fields.push_back(p.field);
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(SchemeCurrent, TheEndDayCountsLeavingDoesNot) {
  const SchemeMembership drr{.scheme = CaseScheme::kDrr, .starts_on = Ago(10), .ends_on = kToday};
  EXPECT_FALSE(SchemeCurrent(drr, Ago(11)));
  EXPECT_TRUE(SchemeCurrent(drr, Ago(10)));
  EXPECT_TRUE(SchemeCurrent(drr, kToday));
  EXPECT_FALSE(SchemeCurrent(drr, kToday + days(1)));
  SchemeMembership left = drr;
  left.left_on = Ago(2);
  EXPECT_TRUE(SchemeCurrent(left, Ago(3)));
  EXPECT_FALSE(SchemeCurrent(left, Ago(2)));
}

TEST(StatutoryStatus, TheLatestStartedOneUntilItEnds) {
  using enum StatutoryKind;
  const std::vector<StatutoryStatus> statuses = {
      {.id = 1, .kind = kCommunityOrder, .starts_on = Ago(300), .ends_on = Ago(100)},
      {.id = 2, .kind = kLicence, .starts_on = Ago(50), .ends_on = kToday},
  };
  EXPECT_EQ(StatusOn(statuses, Ago(200))->kind, kCommunityOrder);
  EXPECT_EQ(StatusOn(statuses, Ago(100))->kind, kCommunityOrder) << "the end day counts";
  EXPECT_FALSE(StatusOn(statuses, Ago(99))) << "ended, and the licence not yet started";
  EXPECT_EQ(StatusOn(statuses, kToday)->kind, kLicence);
  EXPECT_FALSE(StatusOn(statuses, kToday + days(1)));

  struct Case {
    StatutoryStatus status;
    std::vector<std::string> fields;
  };
  for (const Case& c : std::vector<Case>{
           {{.kind = kLicence, .starts_on = kToday, .ends_on = kToday + days(1)}, {}},
           {{.kind = kLicence, .starts_on = kToday}, {"ends_on"}},
           {{.kind = kPostSentenceSupervision, .starts_on = kToday, .ends_on = kToday}, {"ends_on"}},
           {{.kind = kVoluntary, .starts_on = kToday}, {}},
           {{.kind = kVoluntary, .starts_on = kToday, .ends_on = kToday + days(5)}, {"ends_on"}},
           {{.kind = kVoluntary, .starts_on = kToday + days(366)}, {"starts_on"}},
       }) {
    std::vector<std::string> fields;
    for (const FieldProblem& p : StatutoryProblems(c.status, kToday)) fields.push_back(p.field);
    EXPECT_EQ(fields, c.fields) << CodeOf(c.status.kind);
  }
}

}  // namespace
}  // namespace openiom
