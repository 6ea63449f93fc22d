#include "analytics/reporting/concentration.h"

#include <gtest/gtest.h>

#include <vector>

namespace openiom {
namespace {

struct Case {
  std::vector<int64_t> counts;
  double top_fraction;
  int64_t people_in_top;
  int64_t offences_by_top;
  double share;
};

TEST(OffendingConcentration, MatchesHandComputedShares) {
  const std::vector<Case> cases = {
      // 10 people, one commits 50 of 59 offences: the top 10% (1 person) commit 50/59.
      {{50, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0.10, 1, 50, 50.0 / 59},
      // top 20% of 10 = 2 people: 50 + 1.
      {{50, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0.20, 2, 51, 51.0 / 59},
      // ceil(0.05 * 30) = 2 people.
      {std::vector<int64_t>(30, 2), 0.05, 2, 4, 4.0 / 60},
      // Everyone: share is 1.
      {{3, 0, 7}, 1.0, 3, 10, 1.0},
      // No offences at all: share 0, not NaN.
      {{0, 0, 0, 0}, 0.5, 2, 0, 0.0},
      // Unsorted input.
      {{0, 9, 2, 30, 4}, 0.4, 2, 39, 39.0 / 45},
  };
  for (const Case& c : cases) {
    const Concentration result = OffendingConcentration(c.counts, c.top_fraction);
    EXPECT_EQ(result.people, static_cast<int64_t>(c.counts.size()));
    EXPECT_EQ(result.people_in_top, c.people_in_top) << "top " << c.top_fraction;
    EXPECT_EQ(result.offences_by_top, c.offences_by_top) << "top " << c.top_fraction;
    EXPECT_DOUBLE_EQ(result.share, c.share) << "top " << c.top_fraction;
  }
}

TEST(OffendingConcentration, EmptyPopulationHasNoTop) {
  const Concentration result = OffendingConcentration({}, 0.05);
  EXPECT_EQ(result.people_in_top, 0);
  EXPECT_EQ(result.share, 0.0);
}

}  // namespace
}  // namespace openiom
