#include "services/cases/brag_config.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(BragConfig, EverySettingIsOptionalAndRoundTrips) {
  const Result<BragConfig> defaults = ParseBragConfig("{}");
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->window_days, 28);
  EXPECT_EQ(defaults->red_failed_appointments, 2);
  const Result<BragConfig> set = ParseBragConfig(
      R"({"window_days": 14, "red_failed_appointments": 3, "amber_significant_pathways": 4, "amber_rfg": 55.5,
          "disabled": ["high_rfg", "recent_release"]})");
  ASSERT_TRUE(set.ok()) << set.status().message();
  EXPECT_EQ(set->window_days, 14);
  EXPECT_EQ(set->amber_rfg, 55.5);
  EXPECT_EQ(set->disabled, (std::vector<BragRule>{BragRule::kHighRfg, BragRule::kRecentRelease}));
  const Result<BragConfig> again = ParseBragConfig(BragConfigJson(*set));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(BragConfigJson(*again), BragConfigJson(*set));
}

TEST(BragConfig, EachProblemNamesItsField) {
  struct Case {
    const char* json;
    const char* field;
  };
  for (const Case& c : std::vector<Case>{{R"({"window_days": 0})", "window_days"},
                                         {R"({"window_days": 366})", "window_days"},
                                         {R"({"window_days": "28"})", "window_days"},
                                         {R"({"red_failed_appointments": 0})", "red_failed_appointments"},
                                         {R"({"amber_significant_pathways": 10})", "amber_significant_pathways"},
                                         {R"({"amber_rfg": 101})", "amber_rfg"},
                                         {R"({"disabled": ["in_custody", "purple"]})", "disabled[1]"},
                                         {R"({"disabled": "high_rfg"})", "disabled"},
                                         {R"({"window": 28})", "window"}}) {
    const Result<BragConfig> parsed = ParseBragConfig(c.json);
    ASSERT_FALSE(parsed.ok()) << c.json;
    ASSERT_EQ(parsed.status().problems().size(), 1u) << c.json;
    EXPECT_EQ(parsed.status().problems()[0].field, c.field) << c.json;
  }
  EXPECT_FALSE(ParseBragConfig("[1]").ok());
  EXPECT_FALSE(ParseBragConfig("{").ok());
}

}  // namespace
}  // namespace openiom
