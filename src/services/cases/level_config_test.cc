#include "services/cases/level_config.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(LevelConfig, ReadsEachSettingAndKeepsTheDefaultsOfTheRest) {
  const Result<LevelConfig> config = ParseLevelConfig(R"({"clear_days": 120, "down_compliance": 85.5})");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->clear_days, 120);
  EXPECT_DOUBLE_EQ(config->down_compliance, 85.5);
  EXPECT_EQ(config->compliance_days, 90);
  EXPECT_EQ(config->release_days, 28);
  const Result<LevelConfig> again = ParseLevelConfig(LevelConfigJson(*config));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(LevelConfigJson(*again), LevelConfigJson(*config));
}

TEST(LevelConfig, NamesTheFieldOfEachProblem) {
  struct Case {
    const char* json;
    std::string field;
  };
  for (const Case& c : std::vector<Case>{{R"({"clear_days": 0})", "clear_days"},
                                         {R"({"clear_days": 731})", "clear_days"},
                                         {R"({"clear_days": 1.5})", "clear_days"},
                                         {R"({"down_compliance": 101})", "down_compliance"},
                                         {R"({"release_days": -1})", "release_days"},
                                         {R"({"dismissed_down_days": "90"})", "dismissed_down_days"},
                                         {R"({"clear_dayz": 10})", "clear_dayz"}}) {
    const Result<LevelConfig> config = ParseLevelConfig(c.json);
    ASSERT_FALSE(config.ok()) << c.json;
    ASSERT_EQ(config.status().problems().size(), 1u) << c.json;
    EXPECT_EQ(config.status().problems()[0].field, c.field) << c.json;
  }
  EXPECT_FALSE(ParseLevelConfig("[1]").ok());
  EXPECT_FALSE(ParseLevelConfig("{").ok());
}

// The file `openiom level-rules` shows is the one an administrator edits: whole numbers as written, not "9E1".
TEST(LevelConfig, WritesWholeNumbersAsWrittenAndFractionsThatReadBack) {
  EXPECT_EQ(LevelConfigJson(LevelConfig{}),
            R"({"clear_days":180,"down_compliance":90,"compliance_days":90,"release_days":28,"dismissed_down_days":90})");
  LevelConfig fraction;
  fraction.down_compliance = 87.5;
  // Boost.JSON writes a fraction in its own notation ("8.75E1"), still JSON that reads back as the same number.
  const Result<LevelConfig> again = ParseLevelConfig(LevelConfigJson(fraction));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->down_compliance, 87.5);
}

}  // namespace
}  // namespace openiom
