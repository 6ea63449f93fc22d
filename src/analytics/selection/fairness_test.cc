#include "analytics/selection/fairness.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(CompareGroups, RatesAndRatiosAgainstTheWholePopulation) {
  // 10 scored: 6 men (3 candidates, 2 selected), 4 women (1 candidate, 0 selected).
  // Overall candidate rate 4/10 = 0.4: men 0.5 -> ratio 1.25, women 0.25 -> 0.625.
  // Overall selection rate 2/10 = 0.2: men 2/6 -> 1.6667, women 0 -> 0.
  std::vector<FairnessInput> people;
  for (int i = 0; i < 6; ++i) people.push_back({"M", i < 3, i < 2});
  for (int i = 0; i < 4; ++i) people.push_back({"F", i < 1, false});
  const std::vector<GroupRates> rates = CompareGroups(people);
  ASSERT_EQ(rates.size(), 3u);
  EXPECT_EQ(rates[0].group, "F");
  EXPECT_EQ(rates[0].scored, 4);
  EXPECT_DOUBLE_EQ(rates[0].candidate_rate, 0.25);
  EXPECT_DOUBLE_EQ(*rates[0].candidate_ratio, 0.625);
  EXPECT_DOUBLE_EQ(*rates[0].selection_ratio, 0.0);
  EXPECT_EQ(rates[1].group, "M");
  EXPECT_EQ(rates[1].candidates, 3);
  EXPECT_EQ(rates[1].selected, 2);
  EXPECT_DOUBLE_EQ(*rates[1].candidate_ratio, 1.25);
  EXPECT_NEAR(*rates[1].selection_ratio, 5.0 / 3.0, 1e-12);
  EXPECT_EQ(rates[2].group, "All");
  EXPECT_EQ(rates[2].scored, 10);
  EXPECT_DOUBLE_EQ(*rates[2].candidate_ratio, 1.0);
}

TEST(CompareGroups, NoSelectionsMeansNoSelectionRatio) {
  const std::vector<GroupRates> rates = CompareGroups({{"A", true, false}, {"B", false, false}});
  for (const GroupRates& group : rates) {
    EXPECT_FALSE(group.selection_ratio.has_value()) << group.group;
    EXPECT_TRUE(group.candidate_ratio.has_value()) << group.group;
  }
  EXPECT_EQ(CompareGroups({}).size(), 1u);  // just "All", with nothing to divide by
  EXPECT_FALSE(CompareGroups({})[0].candidate_ratio.has_value());
}

TEST(Disproportionate, ExactAtTheBoundaries) {
  struct Case {
    int64_t part, group, total_part, total;
    bool flagged;
  };
  const Case cases[] = {
      {7, 20, 28, 100, true},     // 0.35 / 0.28 = 1.25 exactly (1.2499999999999998 in floating point)
      {6, 20, 24, 80, false},     // 0.30 / 0.30 = 1.00
      {69, 200, 28, 100, false},  // 0.345 / 0.28 = 1.232
      {56, 250, 28, 100, true},   // 0.224 / 0.28 = 0.80 exactly
      {57, 250, 28, 100, false},  // 0.228 / 0.28 = 0.814
      {0, 30, 5, 100, true},      // nobody selected in a group of 30: ratio 0
      {0, 19, 5, 100, false},     // too small a group to mark
      {3, 30, 0, 100, false},     // no overall rate to compare with
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Disproportionate(c.part, c.group, c.total_part, c.total), c.flagged)
        << c.part << "/" << c.group << " vs " << c.total_part << "/" << c.total;
  }
}

TEST(AgeBand, Boundaries) {
  const std::pair<std::optional<int>, const char*> cases[] = {
      {std::nullopt, "Not known"}, {9, "Not known"}, {10, "10-17"}, {17, "10-17"}, {18, "18-24"}, {24, "18-24"},
      {25, "25-34"}, {34, "25-34"}, {35, "35-49"}, {49, "35-49"}, {50, "50 and over"}, {90, "50 and over"}};
  for (const auto& [age, band] : cases) EXPECT_EQ(AgeBand(age), band) << age.value_or(-1);
}

}  // namespace
}  // namespace openiom
