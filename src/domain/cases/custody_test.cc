#include "domain/cases/custody.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

Date D(const char* iso) { return *ParseIsoDate(iso); }

CustodyEpisode MakeEpisode(CustodyEpisode episode = {}) {
  if (episode.establishment.empty()) episode.establishment = "HMP Holme House";
  if (episode.started_on == Date{}) episode.started_on = D("2026-03-02");
  return episode;
}

// Every due date counted by hand on a calendar: 84 days (12 weeks) before Friday 18 December 2026 is Friday 25
// September (7 days of September left, 31 of October, 30 of November, 18 of December... 23+31+30 = 84 from 25 Sep).
TEST(ChecklistDueOn, CountsEachItemBackFromTheExpectedRelease) {
  const struct {
    ChecklistItem item;
    const char* started, *release, *due;
  } kCases[] = {
      {ChecklistItem::kAccommodationAdvice, "2025-06-01", "2026-12-18", "2026-09-25"},
      {ChecklistItem::kBenefitClaim, "2025-06-01", "2026-12-18", "2026-12-18"},
      {ChecklistItem::kTreatmentAppointment, "2025-06-01", "2026-12-18", "2026-12-04"},
      {ChecklistItem::kGpRegistration, "2025-06-01", "2026-12-18", "2026-11-20"},
      {ChecklistItem::kIdDocuments, "2025-06-01", "2026-12-18", "2026-11-20"},
      {ChecklistItem::kRestorativeJustice, "2025-06-01", "2026-12-18", "2026-10-23"},
      // Exactly 12 weeks in custody: due on the day custody started, not before it.
      {ChecklistItem::kAccommodationAdvice, "2026-09-25", "2026-12-18", "2026-09-25"},
      // Less than 12 weeks: due at once (the day custody started), never overdue before custody began.
      {ChecklistItem::kAccommodationAdvice, "2026-11-01", "2026-12-18", "2026-11-01"},
      {ChecklistItem::kGpRegistration, "2026-11-01", "2026-12-18", "2026-11-20"},
      {ChecklistItem::kTreatmentAppointment, "2026-12-10", "2026-12-18", "2026-12-10"},
      // Across a leap day: 28 days before 1 March 2024 is 2 February (February has 29 days), in 2023 it is 1 February.
      {ChecklistItem::kGpRegistration, "2023-06-01", "2024-03-01", "2024-02-02"},
      {ChecklistItem::kGpRegistration, "2022-06-01", "2023-03-01", "2023-02-01"},
      // 84 days before 23 May 2024 is the leap day itself.
      {ChecklistItem::kAccommodationAdvice, "2023-06-01", "2024-05-23", "2024-02-29"},
      // Across the turn of the year: 56 days before 14 January 2027 is 19 November 2026.
      {ChecklistItem::kRestorativeJustice, "2026-01-01", "2027-01-14", "2026-11-19"},
      // Released on the day custody started: everything due that day.
      {ChecklistItem::kAccommodationAdvice, "2026-12-18", "2026-12-18", "2026-12-18"},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(ChecklistDueOn(kDefaultResettlementRules, c.item, D(c.started), D(c.release)), D(c.due))
        << CodeOf(c.item) << " from " << c.started << " to " << c.release;
  }
}

TEST(ChecklistDueOn, HasNoDueDateWhileNoReleaseIsExpected) {
  for (ChecklistItem item : All<ChecklistItem>()) {
    EXPECT_EQ(ChecklistDueOn(kDefaultResettlementRules, item, D("2026-01-01"), std::nullopt), std::nullopt)
        << CodeOf(item);
  }
}

TEST(ChecklistDueOn, TakesItsOffsetsFromTheRulesGiven) {
  ResettlementRules rules;
  rules.accommodation_advice_days = 91;  // 13 weeks, as another area might configure
  rules.benefit_claim_days = 7;
  EXPECT_EQ(ChecklistDueOn(rules, ChecklistItem::kAccommodationAdvice, D("2025-01-01"), D("2026-12-18")),
            D("2026-09-18"));
  EXPECT_EQ(ChecklistDueOn(rules, ChecklistItem::kBenefitClaim, D("2025-01-01"), D("2026-12-18")), D("2026-12-11"));
}

// The default table, row by row, against the requirement: accommodation at least 12 weeks before, the benefit
// claim on release day.
TEST(ResettlementRules, DefaultsAreTheDocumentedOffsets) {
  const struct {
    ChecklistItem item;
    int days;
  } kRows[] = {
      {ChecklistItem::kAccommodationAdvice, 84}, {ChecklistItem::kBenefitClaim, 0},
      {ChecklistItem::kTreatmentAppointment, 14}, {ChecklistItem::kGpRegistration, 28},
      {ChecklistItem::kIdDocuments, 28},          {ChecklistItem::kRestorativeJustice, 56},
  };
  ASSERT_EQ(std::size(kRows), All<ChecklistItem>().size());
  for (const auto& row : kRows) {
    EXPECT_EQ(DaysBeforeRelease(kDefaultResettlementRules, row.item), row.days) << CodeOf(row.item);
  }
}

TEST(ChecklistFor, OffersRestorativeJusticeToPposOnly) {
  const std::vector<ChecklistItem> ppo = ChecklistFor(true);
  const std::vector<ChecklistItem> other = ChecklistFor(false);
  ASSERT_EQ(ppo.size(), 6u);
  EXPECT_EQ(ppo.back(), ChecklistItem::kRestorativeJustice);
  ASSERT_EQ(other.size(), 5u);
  EXPECT_EQ(std::find(other.begin(), other.end(), ChecklistItem::kRestorativeJustice), other.end());
  EXPECT_EQ(other.front(), ChecklistItem::kAccommodationAdvice);
}

TEST(IsFridayRelease, FlagsFridaysOnly) {
  const struct {
    const char* date;
    bool friday;
  } kCases[] = {
      {"2026-12-17", false},  // Thursday
      {"2026-12-18", true},   // Friday
      {"2026-12-19", false},  // Saturday
      {"2026-12-21", false},  // Monday
      {"2024-03-01", true},   // the Friday after a leap day
      {"2024-02-29", false},  // the leap day, a Thursday
      {"2027-01-01", true},   // New Year's Day 2027
  };
  for (const auto& c : kCases) EXPECT_EQ(IsFridayRelease(D(c.date)), c.friday) << c.date;
}

TEST(ReleaseCountdown, CountsDaysToTheExpectedRelease) {
  const struct {
    const char* today;
    std::optional<int> days;
  } kCases[] = {
      {"2026-12-06", 12}, {"2026-12-17", 1}, {"2026-12-18", 0}, {"2026-12-19", -1}, {"2026-11-18", 30},
      {"2025-12-18", 365},
  };
  const CustodyEpisode episode = MakeEpisode({.expected_release_on = D("2026-12-18")});
  for (const auto& c : kCases) EXPECT_EQ(ReleaseCountdown(episode, D(c.today)), c.days) << c.today;
}

TEST(ReleaseCountdown, StopsOnceReleasedAndNeedsAnExpectedRelease) {
  EXPECT_EQ(ReleaseCountdown(MakeEpisode({.expected_release_on = D("2026-12-18"), .released_on = D("2026-12-04")}),
                             D("2026-12-01")),
            std::nullopt);
  EXPECT_EQ(ReleaseCountdown(MakeEpisode(), D("2026-12-01")), std::nullopt);
}

TEST(IsOverdue, OnlyOpenItemsPastTheirDueDay) {
  const struct {
    ChecklistState state;
    std::optional<Date> due;
    const char* today;
    bool overdue;
  } kCases[] = {
      {ChecklistState::kOpen, D("2026-11-20"), "2026-11-19", false},
      {ChecklistState::kOpen, D("2026-11-20"), "2026-11-20", false},  // due today: not yet overdue
      {ChecklistState::kOpen, D("2026-11-20"), "2026-11-21", true},
      {ChecklistState::kDone, D("2026-11-20"), "2026-11-21", false},
      {ChecklistState::kNotApplicable, D("2026-11-20"), "2026-12-31", false},
      {ChecklistState::kOpen, std::nullopt, "2030-01-01", false},  // no release expected, nothing is due
  };
  for (const auto& c : kCases) {
    const CustodyChecklistItem item{.due_on = c.due, .state = c.state};
    EXPECT_EQ(IsOverdue(item, D(c.today)), c.overdue) << CodeOf(c.state) << " on " << c.today;
  }
}

TEST(CustodyEpisodeProblems, AcceptsAValidEpisode) {
  EXPECT_TRUE(CustodyEpisodeProblems(MakeEpisode({.sentence = "18 months",
                                                  .expected_release_on = D("2026-12-18"),
                                                  .licence_end_on = D("2027-09-01")}),
                                     D("2026-12-07"))
                  .empty());
  // Released, recalled the same day as released, licence ending the day of release: every edge allowed.
  EXPECT_TRUE(CustodyEpisodeProblems(MakeEpisode({.started_on = D("2026-03-02"),
                                                  .released_on = D("2026-03-02"),
                                                  .recalled_on = D("2026-03-02"),
                                                  .licence_end_on = D("2026-03-02")}),
                                     D("2026-03-02"))
                  .empty());
}

TEST(CustodyEpisodeProblems, NamesTheFieldOfEachProblem) {
  const Date today = D("2026-12-07");
  const struct {
    const char* name;
    CustodyEpisode episode;
    std::vector<std::string> fields;
  } kCases[] = {
      {"no establishment", {.establishment = "   ", .started_on = D("2026-01-01")}, {"establishment"}},
      {"establishment too long", {.establishment = std::string(201, 'x'), .started_on = D("2026-01-01")},
       {"establishment"}},
      {"control character", {.establishment = "HMP\x01", .started_on = D("2026-01-01")}, {"establishment"}},
      {"sentence too long", MakeEpisode({.sentence = std::string(201, 's')}), {"sentence"}},
      {"started tomorrow", MakeEpisode({.started_on = D("2026-12-08")}), {"started_on"}},
      {"started today", MakeEpisode({.started_on = today}), {}},
      {"expected release the day before start",
       MakeEpisode({.started_on = D("2026-03-02"), .expected_release_on = D("2026-03-01")}), {"expected_release_on"}},
      {"released before start", MakeEpisode({.started_on = D("2026-03-02"), .released_on = D("2026-03-01")}),
       {"released_on"}},
      {"released tomorrow", MakeEpisode({.released_on = D("2026-12-08")}), {"released_on"}},
      {"recalled without release", MakeEpisode({.recalled_on = D("2026-05-01")}), {"recalled_on"}},
      {"recalled before release", MakeEpisode({.released_on = D("2026-05-02"), .recalled_on = D("2026-05-01")}),
       {"recalled_on"}},
      {"recalled tomorrow", MakeEpisode({.released_on = D("2026-05-02"), .recalled_on = D("2026-12-08")}),
       {"recalled_on"}},
      {"recalled after the licence ended",
       MakeEpisode({.released_on = D("2026-05-02"), .recalled_on = D("2026-09-02"), .licence_end_on = D("2026-09-01")}),
       {"recalled_on"}},
      {"licence ends before release",
       MakeEpisode({.released_on = D("2026-05-02"), .licence_end_on = D("2026-05-01")}), {"licence_end_on"}},
      {"licence ends before the expected release",
       MakeEpisode({.expected_release_on = D("2027-05-02"), .licence_end_on = D("2027-05-01")}), {"licence_end_on"}},
      {"licence ends before custody started", MakeEpisode({.licence_end_on = D("2026-03-01")}), {"licence_end_on"}},
      {"everything at once",
       {.establishment = "", .started_on = D("2026-12-08"), .released_on = D("2026-12-09"),
        .recalled_on = D("2026-12-10")},
       {"establishment", "started_on", "released_on", "recalled_on"}},
  };
  for (const auto& c : kCases) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : CustodyEpisodeProblems(c.episode, today)) {
      fields.push_back(problem.field);
      EXPECT_FALSE(problem.message.empty());
    }
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

TEST(ChecklistUpdateProblems, NeedsADateInCustodyAndAReasonWhenNotApplicable) {
  const Date started = D("2026-03-02"), today = D("2026-12-07");
  const struct {
    const char* name;
    ChecklistState state;
    std::optional<Date> on;
    std::string note;
    std::vector<std::string> fields;
  } kCases[] = {
      {"done today", ChecklistState::kDone, today, "", {}},
      {"done the day custody started", ChecklistState::kDone, started, "Referral sent", {}},
      {"not applicable with a reason", ChecklistState::kNotApplicable, today, "Has a tenancy to return to", {}},
      {"not applicable without one", ChecklistState::kNotApplicable, today, "  ", {"note"}},
      {"open is no update", ChecklistState::kOpen, today, "", {"state"}},
      {"no date", ChecklistState::kDone, std::nullopt, "", {"completed_on"}},
      {"tomorrow", ChecklistState::kDone, D("2026-12-08"), "", {"completed_on"}},
      {"before custody", ChecklistState::kDone, D("2026-03-01"), "", {"completed_on"}},
      {"note too long", ChecklistState::kDone, today, std::string(1001, 'n'), {"note"}},
  };
  for (const auto& c : kCases) {
    std::vector<std::string> fields;
    for (const FieldProblem& problem : ChecklistUpdateProblems(c.state, c.on, c.note, started, today)) {
      fields.push_back(problem.field);
    }
    EXPECT_EQ(fields, c.fields) << c.name;
  }
}

}  // namespace
}  // namespace openiom
