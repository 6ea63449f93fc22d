#include "services/selection/scoring_config.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(ScoringConfig, EmptyObjectKeepsTheDefaults) {
  const Result<ScoringConfig> config = ParseScoringConfig("{}");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->rfg.window_days, 365);
  EXPECT_EQ(config->rfg.qualifying_kinds, EventKindBit(EventKind::kArrest));
  ASSERT_EQ(config->rules.size(), 3u);
  EXPECT_EQ(config->rules[0].name, "acquisitive-4");
  EXPECT_EQ(config->keep_runs, 10);
}

TEST(ScoringConfig, EveryParameterCanBeSet) {
  const Result<ScoringConfig> config = ParseScoringConfig(R"({
    "rfg": {"window_days": 180, "frequency_cap": 5, "qualifying_kinds": ["arrest", "charge"],
            "weights": {"recency": 50, "frequency": 25, "gravity": 25}},
    "rules": [{"name": "local-6", "explanation": "Six in the window.", "min_events": 6, "min_age": 21,
               "not_in_cohort": false},
              {"name": "very-high", "explanation": "RFG 75.5 or more.", "min_rfg": 75.5}],
    "keep_runs": 3})");
  ASSERT_TRUE(config.ok()) << config.status().message();
  EXPECT_EQ(config->rfg.window_days, 180);
  EXPECT_EQ(config->rfg.frequency_cap, 5);
  EXPECT_EQ(config->rfg.qualifying_kinds, EventKindBit(EventKind::kArrest) | EventKindBit(EventKind::kCharge));
  EXPECT_EQ(config->rfg.weight_recency, 50);
  ASSERT_EQ(config->rules.size(), 2u);
  EXPECT_EQ(config->rules[0].min_events, 6);
  EXPECT_EQ(config->rules[0].min_age, 21);
  EXPECT_FALSE(config->rules[0].not_in_cohort);
  EXPECT_EQ(config->rules[1].min_rfg_centis, 7550);
  EXPECT_TRUE(config->rules[1].not_in_cohort);
  EXPECT_EQ(config->keep_runs, 3);
}

TEST(ScoringConfig, GravityAndAcquisitiveCategoriesOverrideTheReferenceData) {
  const Result<ScoringConfig> config =
      ParseScoringConfig(R"({"gravity": {"shoplifting": 2, "homicide": 4}, "acquisitive_categories": ["fraud"]})");
  ASSERT_TRUE(config.ok()) << config.status().message();
  const OffenceScoringTable table = ScoringTableFor(*config);
  EXPECT_EQ(table.Find("shoplifting")->gravity, 2);
  EXPECT_EQ(table.Find("robbery_personal")->gravity, 3) << "unchanged";
  const OffenceCategoryCatalogue categories = CategoriesFor(*config, OffenceCategoryCatalogue::BuiltIn());
  EXPECT_TRUE(categories.Find("fraud")->acquisitive);
  EXPECT_FALSE(categories.Find("shoplifting")->acquisitive);
  const OffenceCategoryCatalogue unchanged = CategoriesFor(ScoringConfig{}, OffenceCategoryCatalogue::BuiltIn());
  EXPECT_TRUE(unchanged.Find("shoplifting")->acquisitive);
  const Result<ScoringConfig> again = ParseScoringConfig(ScoringConfigJson(*config));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->gravity, config->gravity);
  EXPECT_EQ(again->acquisitive_categories, config->acquisitive_categories);
}

TEST(ScoringConfig, RoundTripsThroughItsJson) {
  const Result<ScoringConfig> original =
      ParseScoringConfig(R"({"rfg": {"window_days": 200}, "rules": [{"name": "x", "explanation": "y",
                            "min_acquisitive_events": 2}]})");
  ASSERT_TRUE(original.ok());
  const Result<ScoringConfig> again = ParseScoringConfig(ScoringConfigJson(*original));
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->rfg.window_days, 200);
  EXPECT_EQ(again->rfg.qualifying_kinds, original->rfg.qualifying_kinds);
  ASSERT_EQ(again->rules.size(), 1u);
  EXPECT_EQ(again->rules[0].min_acquisitive_events, 2);
  EXPECT_EQ(ScoringConfigJson(*again), ScoringConfigJson(*original));
  const Result<ScoringConfig> defaults = ParseScoringConfig(ScoringConfigJson(ScoringConfig{}));
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->rules[2].min_rfg_centis, 6000);
}

TEST(ScoringConfig, ProblemsNameThePath) {
  const std::pair<const char*, const char*> cases[] = {
      {"[1]", "the configuration must be a JSON object"},
      {"{", "not valid JSON"},
      {R"({"window": 3})", "window: is not a setting"},
      {R"({"rfg": {"window_days": "a year"}})", "rfg.window_days: must be a whole number"},
      {R"({"rfg": {"window_days": 0}})", "rfg: window_days: must be 1 to 3650"},
      {R"({"rfg": {"weights": {"recency": 50}}})", "rfg: weights: must add up to 100"},
      {R"({"rfg": {"qualifying_kinds": ["arrest", "nicked"]}})", "rfg.qualifying_kinds[1]: is not an event kind"},
      {R"({"rules": [{"name": "a", "explanation": "b"}]})", "rules[0]: a: set at least one"},
      {R"({"rules": [{"name": "a", "explanation": "b", "min_events": 1, "colour": "red"}]})",
       "rules[0].colour: is not a setting"},
      {R"({"rules": [{"explanation": "b", "min_events": 1}]})", "rules[0].name: must be text"},
      {R"({"rules": [{"name": "a", "explanation": "b", "min_events": 1},
                     {"name": "a", "explanation": "c", "min_events": 2}]})", "rules[1].name: 'a' is used twice"},
      {R"({"keep_runs": 0})", "keep_runs: must be at least 1"},
      {R"({"gravity": {"jaywalking": 2}})", "gravity.jaywalking: is not an offence category"},
      {R"({"gravity": {"fraud": 5}})", "gravity.fraud: must be 1, 2, 3 or 4"},
      {R"({"acquisitive_categories": ["fraud", 3]})", "acquisitive_categories[1]: is not an offence category"},
  };
  for (const auto& [json, expected] : cases) {
    const Result<ScoringConfig> config = ParseScoringConfig(json);
    ASSERT_FALSE(config.ok()) << json;
    EXPECT_NE(config.status().message().find(expected), std::string::npos) << config.status().message();
  }
}

// The setting at fault travels as the problem's field, so a caller can point at it without reading the message.
TEST(ScoringConfig, ProblemsCarryThePathAsTheirField) {
  const std::pair<const char*, FieldProblem> cases[] = {
      {R"({"window": 3})", {"window", "is not a setting"}},
      {R"({"rfg": {"window_days": "a year"}})", {"rfg.window_days", "must be a whole number"}},
      {R"({"rfg": {"qualifying_kinds": ["arrest", "nicked"]}})", {"rfg.qualifying_kinds[1]", "is not an event kind"}},
      {R"({"rfg": {"weights": []}})", {"rfg.weights", "must be an object"}},
      {R"({"rules": [{"explanation": "b", "min_events": 1}]})", {"rules[0].name", "must be text"}},
      {R"({"rules": [{"name": "a", "explanation": "b", "min_rfg": "x"}]})", {"rules[0].min_rfg", "must be a number"}},
      {R"({"rules": [{"name": "a", "explanation": "b", "not_in_cohort": 1}]})",
       {"rules[0].not_in_cohort", "must be true or false"}},
      {R"({"rules": [7]})", {"rules[0]", "must be an object"}},
      {R"({"rules": [{"name": "a", "explanation": "b", "min_events": 1},
                     {"name": "a", "explanation": "c", "min_events": 2}]})", {"rules[1].name", "'a' is used twice"}},
      {R"({"gravity": {"jaywalking": 2}})", {"gravity.jaywalking", "is not an offence category"}},
      {R"({"gravity": {"fraud": 5}})", {"gravity.fraud", "must be 1, 2, 3 or 4"}},
      {R"({"acquisitive_categories": ["fraud", 3]})", {"acquisitive_categories[1]", "is not an offence category"}},
  };
  for (const auto& [json, expected] : cases) {
    const Result<ScoringConfig> config = ParseScoringConfig(json);
    ASSERT_FALSE(config.ok()) << json;
    EXPECT_EQ(config.status().problems(), FieldProblems{expected}) << json;
  }
}

}  // namespace
}  // namespace openiom
