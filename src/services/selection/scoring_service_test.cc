// Ogrs3FromHistory: which events make up the OGRS3 inputs (the scoring service itself is tested against both
// databases in tests/storage).
#include "services/selection/scoring_service.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

Date D(const char* text) { return *ParseIsoDate(text); }

Event E(EventId id, EventKind kind, const char* date, std::string category = "") {
  return {.id = id, .kind = kind, .event_date = D(date), .offence_category = std::move(category)};
}

TEST(Ogrs3FromHistory, ReproducesTheFirstWorkedExampleFromEvents) {
  // Worked example 1: male, born 1991-07-17, convicted 2021-08-05 of an "other" offence (-0.0607), released
  // 2021-12-12, 2 sanctions, the first at 21 (a caution in 2013).
  const Person person{.id = 1, .date_of_birth = D("1991-07-17"), .gender = Gender::kMale};
  const std::vector<Event> events = {
      E(1, EventKind::kArrest, "2013-01-01", "other"),       E(2, EventKind::kCaution, "2013-01-02", "other"),
      E(3, EventKind::kArrest, "2021-06-01", "other"),       E(4, EventKind::kConviction, "2021-08-05", "other"),
      E(5, EventKind::kCustodyStart, "2021-08-05"),           E(6, EventKind::kRelease, "2021-12-12"),
      E(7, EventKind::kRelease, "2023-01-01"),
  };
  const Result<Ogrs3Result> result = Ogrs3FromHistory(person, events, OffenceScoringTable::BuiltIn());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->one_year_percent, 9);
  EXPECT_EQ(result->two_year_percent, 17);
  EXPECT_EQ(result->age_at_follow_up, 30);
  EXPECT_FALSE(result->provisional);
}

TEST(Ogrs3FromHistory, FollowUpStartsAtTheFirstReleaseOnOrAfterTheConviction) {
  // Released on the day of conviction (time served), and again later: follow-up starts on the day itself, so the
  // man is 30 at its start (he turns 31 on 2022-07-17, before the later release).
  const Person person{.id = 1, .date_of_birth = D("1991-07-17"), .gender = Gender::kMale};
  for (bool later_first : {false, true}) {
    std::vector<Event> events = {E(1, EventKind::kCaution, "2013-01-02", "other"),
                                 E(2, EventKind::kConviction, "2021-08-05", "other"),
                                 E(3, EventKind::kRelease, "2021-08-05"), E(4, EventKind::kRelease, "2022-09-01"),
                                 E(5, EventKind::kRelease, "2020-01-01")};  // before the conviction: not counted
    if (later_first) std::swap(events[2], events[3]);
    const Result<Ogrs3Result> result = Ogrs3FromHistory(person, events, OffenceScoringTable::BuiltIn());
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result->age_at_follow_up, 30) << later_first;
    EXPECT_EQ(result->one_year_percent, 9) << later_first;
  }
}

TEST(Ogrs3FromHistory, SaysWhyItCannotBeComputed) {
  const Person person{.id = 1, .date_of_birth = D("1990-01-01"), .gender = Gender::kMale};
  const std::vector<Event> arrests_only = {E(1, EventKind::kArrest, "2020-01-01", "fraud")};
  const std::pair<Person, std::vector<Event>> cases[] = {
      {Person{.id = 1, .date_of_birth = D("1990-01-01"), .gender = Gender::kUnknown}, arrests_only},
      {Person{.id = 1, .gender = Gender::kFemale}, arrests_only},
      {person, arrests_only},
      {person, {E(1, EventKind::kConviction, "2020-01-01")}},
  };
  const char* expected[] = {"sex", "date of birth", "needs a conviction", "offence category"};
  for (size_t i = 0; i < std::size(cases); ++i) {
    const Result<Ogrs3Result> result = Ogrs3FromHistory(cases[i].first, cases[i].second, OffenceScoringTable::BuiltIn());
    ASSERT_FALSE(result.ok()) << i;
    EXPECT_NE(result.status().message().find(expected[i]), std::string::npos) << result.status().message();
  }
}

TEST(Ogrs3FromHistory, AnUnverifiedCategoryMappingIsProvisional) {
  // Rape maps to "sexual - not against child", marked check: the victim's age is not recorded.
  const Person person{.id = 1, .date_of_birth = D("1980-01-01"), .gender = Gender::kMale};
  const Result<Ogrs3Result> result = Ogrs3FromHistory(
      person, {E(1, EventKind::kConviction, "2020-01-01", "rape")}, OffenceScoringTable::BuiltIn());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->provisional);
  ASSERT_EQ(result->reasons.size(), 1u);
  EXPECT_NE(result->reasons[0].find("rape"), std::string::npos);
}

}  // namespace
}  // namespace openiom
