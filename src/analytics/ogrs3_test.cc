#include "analytics/ogrs3.h"

#include <gtest/gtest.h>

#include <cmath>

namespace openiom {
namespace {

Date D(const char* text) { return *ParseIsoDate(text); }

// The three worked examples published with the Ministry of Justice's implementation (reference-data.md 5).
TEST(Ogrs3, WorkedExamplesReproduceExactly) {
  struct Case {
    const char* dob;
    const char* conviction;
    const char* follow_up;
    int sanctions;
    int age_at_first;
    double offence_parameter;
    int one_year, two_year;
    Ogrs3Band band;
  };
  const Case cases[] = {
      {"1991-07-17", "2021-08-05", "2021-12-12", 2, 21, -0.0607, 9, 17, Ogrs3Band::kLow},
      {"1965-12-07", "2025-05-13", "2026-12-12", 2, 47, 0.7606, 8, 16, Ogrs3Band::kLow},
      {"1975-04-29", "2009-02-19", "2020-01-14", 22, 17, -0.7956, 35, 52, Ogrs3Band::kMedium},
  };
  for (const Case& c : cases) {
    const Result<Ogrs3Result> result = ScoreOgrs3({.date_of_birth = D(c.dob), .sex = 'M',
                                                   .conviction_date = D(c.conviction),
                                                   .follow_up_start = D(c.follow_up), .sanctions = c.sanctions,
                                                   .age_at_first_sanction = c.age_at_first,
                                                   .offence_parameter = c.offence_parameter});
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result->one_year_percent, c.one_year) << c.dob;
    EXPECT_EQ(result->two_year_percent, c.two_year) << c.dob;
    EXPECT_EQ(result->band, c.band) << c.dob;
    EXPECT_FALSE(result->provisional);
  }
}

TEST(Ogrs3, HandComputedComponents) {
  // 30-year-old man, 2 sanctions, first at 21: copas = ln(2 / 19); x = -1.326 + 0.46306 + 1.25112 copas - 0.0607.
  const Result<Ogrs3Result> result =
      ScoreOgrs3({.date_of_birth = D("1991-07-17"), .sex = 'M', .conviction_date = D("2021-08-05"),
                  .follow_up_start = D("2021-12-12"), .sanctions = 2, .age_at_first_sanction = 21,
                  .offence_parameter = -0.0607});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->age_at_conviction, 30);
  EXPECT_EQ(result->age_at_follow_up, 30);
  EXPECT_DOUBLE_EQ(result->age_gender_parameter, -1.326);
  EXPECT_NEAR(result->copas_rate, std::log(2.0 / 19.0), 1e-12);
  EXPECT_NEAR(result->linear_predictor, -1.326 + 0.46306 + 1.25112 * std::log(2.0 / 19.0) - 0.0607, 1e-12);
  EXPECT_NEAR(result->one_year_probability, 0.08800, 5e-5);
}

TEST(Ogrs3, FirstSanctionUsesTheLowerParameterAndBandsFollowTheTwoYearPercent) {
  const Ogrs3Inputs base{.date_of_birth = D("2000-01-01"), .sex = 'M', .conviction_date = D("2020-06-01"),
                         .follow_up_start = D("2020-06-01"), .sanctions = 1, .age_at_first_sanction = 20};
  const Result<Ogrs3Result> first = ScoreOgrs3(base);
  Ogrs3Inputs second_inputs = base;
  second_inputs.sanctions = 2;
  const Result<Ogrs3Result> second = ScoreOgrs3(second_inputs);
  ASSERT_TRUE(first.ok() && second.ok());
  // copas = ln(1/10) vs ln(2/10); the sanction term 0.12614 vs 0.46306.
  EXPECT_NEAR(second->linear_predictor - first->linear_predictor, 0.46306 - 0.12614 + 1.25112 * std::log(2.0), 1e-12);
  const std::pair<int, Ogrs3Band> bands[] = {{1, Ogrs3Band::kLow},      {49, Ogrs3Band::kLow},
                                             {50, Ogrs3Band::kMedium},  {74, Ogrs3Band::kMedium},
                                             {75, Ogrs3Band::kHigh},    {89, Ogrs3Band::kHigh},
                                             {90, Ogrs3Band::kVeryHigh}, {99, Ogrs3Band::kVeryHigh}};
  for (const auto& [percent, band] : bands) EXPECT_EQ(Ogrs3BandFor(percent), band) << percent;
}

TEST(Ogrs3, PercentagesAreClampedTo1And99) {
  // 60-year-old woman, first sanction at 60: x = -6.00, P1 = 1.0% (as low as OGRS3 goes); 18-year-old man with
  // 200 sanctions since 10: x = 3.61, P2 = 99.7% which is clamped to 99.
  const Result<Ogrs3Result> low = ScoreOgrs3({.date_of_birth = D("1960-01-01"), .sex = 'F',
                                              .conviction_date = D("2020-01-02"), .follow_up_start = D("2020-01-02"),
                                              .sanctions = 1, .age_at_first_sanction = 60,
                                              .offence_parameter = -0.7956});
  const Result<Ogrs3Result> high = ScoreOgrs3({.date_of_birth = D("2002-01-01"), .sex = 'M',
                                               .conviction_date = D("2020-01-02"), .follow_up_start = D("2020-01-02"),
                                               .sanctions = 200, .age_at_first_sanction = 10,
                                               .offence_parameter = 0.7606});
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_EQ(low->one_year_percent, 1);
  EXPECT_EQ(high->two_year_percent, 99);
  EXPECT_EQ(high->band, Ogrs3Band::kVeryHigh);
}

TEST(Ogrs3, UnverifiedFemaleYouthParametersMakeTheResultProvisional) {
  const Result<Ogrs3Result> result =
      ScoreOgrs3({.date_of_birth = D("2010-03-01"), .sex = 'F', .conviction_date = D("2023-04-01"),
                  .follow_up_start = D("2023-04-01"), .sanctions = 1, .age_at_first_sanction = 13});
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->age_gender_parameter, 0.61385);
  EXPECT_TRUE(result->provisional);
  ASSERT_EQ(result->reasons.size(), 1u);
}

TEST(Ogrs3, InputsThatCannotBeScoredAreNamed) {
  const Ogrs3Inputs good{.date_of_birth = D("1990-01-01"), .sex = 'M', .conviction_date = D("2020-01-01"),
                         .follow_up_start = D("2020-01-01"), .sanctions = 3, .age_at_first_sanction = 15};
  struct Case {
    Ogrs3Inputs inputs;
    const char* field;
  };
  std::vector<Case> cases;
  Ogrs3Inputs bad = good;
  bad.sex = 'U';
  cases.push_back({bad, "sex"});
  bad = good;
  bad.sanctions = 0;
  cases.push_back({bad, "sanctions"});
  bad = good;
  bad.date_of_birth = D("2012-01-01");
  cases.push_back({bad, "date_of_birth"});
  bad = good;
  bad.age_at_first_sanction = 31;
  cases.push_back({bad, "age_at_first_sanction"});
  bad = good;
  bad.follow_up_start = D("2019-12-31");
  cases.push_back({bad, "follow_up_start"});
  for (const Case& c : cases) {
    const Result<Ogrs3Result> result = ScoreOgrs3(c.inputs);
    ASSERT_FALSE(result.ok()) << c.field;
    EXPECT_TRUE(result.status().message().starts_with(c.field)) << result.status().message();
  }
}

}  // namespace
}  // namespace openiom
