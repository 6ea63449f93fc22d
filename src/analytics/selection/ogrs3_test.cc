#include "analytics/selection/ogrs3.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <string>

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
  // 30-year-old man, 2 sanctions, first at 21: copas = ln(2 / 19) = -2.2512918 rounded to -2.25129;
  // x = -1.326 + 0.46306 + 1.25112 copas - 0.0607.
  const Result<Ogrs3Result> result =
      ScoreOgrs3({.date_of_birth = D("1991-07-17"), .sex = 'M', .conviction_date = D("2021-08-05"),
                  .follow_up_start = D("2021-12-12"), .sanctions = 2, .age_at_first_sanction = 21,
                  .offence_parameter = -0.0607});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->age_at_conviction, 30);
  EXPECT_EQ(result->age_at_follow_up, 30);
  EXPECT_DOUBLE_EQ(result->age_gender_parameter, -1.326);
  EXPECT_DOUBLE_EQ(result->copas_rate, -2.25129);
  EXPECT_NEAR(result->linear_predictor, -1.326 + 0.46306 + 1.25112 * -2.25129 - 0.0607, 1e-12);
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
  // copas = ln(1/10) = -2.30259 (rounded) vs ln(2/10) = -1.60944; the sanction term 0.12614 vs 0.46306.
  EXPECT_NEAR(second->linear_predictor - first->linear_predictor,
              0.46306 - 0.12614 + 1.25112 * (-1.60944 - -2.30259), 1e-12);
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

// Java's BigDecimal(double).setScale(n, HALF_UP) works on the double's exact binary value: 0.575 is stored as
// 0.57499999999999995559..., 0.765 as 0.76500000000000001332..., 1/64 = 0.015625 exactly.
TEST(Ogrs3, RoundHalfUpWorksOnTheExactBinaryValue) {
  struct Case {
    double value;
    int places;
    int scale_first;
    int64_t expected;
  };
  const Case cases[] = {
      {0.575, 0, 2, 57},          {0.765, 0, 2, 77},          {0.125, 0, 2, 13},         {0.145, 0, 2, 14},
      {0.015625, 5, 0, 1563},     {-0.015625, 5, 0, -1563},   {0.7649977591902791, 5, 0, 76500},
      {0.7649949999, 5, 0, 76499}, {-2.2512917986, 5, 0, -225129}, {0.0, 5, 0, 0},
      {0.99999, 0, 2, 100},       {1.0, 5, 0, 100000},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RoundHalfUpExact(c.value, c.places, c.scale_first), c.expected) << c.value;
  }
  EXPECT_DOUBLE_EQ(RoundToFiveDecimals(0.7649977591902791), 0.765);
  EXPECT_DOUBLE_EQ(RoundToFiveDecimals(-0.048790164169432056), -0.04879);
}

// The Ministry of Justice rounds each probability half up to five decimals, then takes the percentage of that
// decimal (as a double) half up. Hand computation for the three men below (age 21 or 18 at conviction and at the
// start of follow-up, offence theft from vehicles 0.4272 or sexual not against a child 0.0328):
//   a) S = 20, first at 10: copas = ln(20/21) = -0.04879; x = -1.0515 + 0.46306 + 1.25112 x -0.04879 + 0.4272
//      = -0.2222821; P1 = logistic(x + 1.40256) = 0.7649978 -> 0.76500 -> 76.500000000000001 -> 77, where
//      rounding the unrounded percentage 76.49978 gives 76.
//   b) S = 11, first at 14: copas = ln(11/17) = -0.43532; x = -1.1002776; P1 = 0.5750004 -> 0.57500, stored as
//      0.574999999999999956 -> 57.4999999 -> 57, where rounding 57.50004 gives 58.
//   c) age 18, S = 29, first at 11: copas = ln(29/17) = 0.53408; x = 0.9333582; P2 = logistic(x + 2.1217) =
//      0.9550004 -> 0.95500, stored as 0.954999999999999960 -> 95, where rounding 95.50004 gives 96.
TEST(Ogrs3, RoundsProbabilityToFiveDecimalsLikeTheMoJ) {
  struct Case {
    const char* dob;
    int sanctions;
    int age_at_first;
    double offence_parameter;
    int one_year, two_year;
  };
  const Case cases[] = {
      {"2000-01-01", 20, 10, 0.4272, 77, 87},
      {"2000-01-01", 11, 14, 0.0328, 57, 74},
      {"2003-01-01", 29, 11, 0.4272, 91, 95},
  };
  for (const Case& c : cases) {
    const Result<Ogrs3Result> result =
        ScoreOgrs3({.date_of_birth = D(c.dob), .sex = 'M', .conviction_date = D("2021-06-01"),
                    .follow_up_start = D("2021-06-01"), .sanctions = c.sanctions,
                    .age_at_first_sanction = c.age_at_first, .offence_parameter = c.offence_parameter});
    ASSERT_TRUE(result.ok()) << result.status().message();
    EXPECT_EQ(result->one_year_percent, c.one_year) << c.dob << " " << c.sanctions;
    EXPECT_EQ(result->two_year_percent, c.two_year) << c.dob << " " << c.sanctions;
  }
}

TEST(Ogrs3, UnverifiedFemaleYouthParametersMakeTheResultProvisional) {
  const Result<Ogrs3Result> result =
      ScoreOgrs3({.date_of_birth = D("2010-03-01"), .sex = 'F', .conviction_date = D("2023-04-01"),
                  .follow_up_start = D("2023-04-01"), .sanctions = 1, .age_at_first_sanction = 13});
  ASSERT_TRUE(result.ok());
  EXPECT_DOUBLE_EQ(result->age_gender_parameter, 0.61385);  // the MoJ's sign, kept
  EXPECT_TRUE(result->provisional);
  ASSERT_EQ(result->reasons.size(), 1u);
  EXPECT_NE(result->reasons[0].find("sign"), std::string::npos) << result->reasons[0];
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
