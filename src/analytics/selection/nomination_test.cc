#include "analytics/selection/nomination.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(NominationRules, DefaultsFireAsIssue4Says) {
  const RfgScale scale{RfgParameters{}};
  const std::vector<NominationRule> rules = DefaultNominationRules();
  struct Case {
    const char* what;
    NominationFacts facts;
    std::vector<std::string> fired;
  };
  const int64_t rfg_60 = scale.Key(1, 0, 4) + 0;  // 30 + 4 + 30 = 64
  const int64_t rfg_low = scale.Key(1, 300, 1);   // about 9.3
  const Case cases[] = {
      {"4 acquisitive, adult", {.n = 4, .acquisitive_n = 4, .rfg_key = rfg_low, .age = 18}, {"acquisitive-4"}},
      {"3 acquisitive", {.n = 4, .acquisitive_n = 3, .rfg_key = rfg_low, .age = 30}, {}},
      {"4 acquisitive, aged 17", {.n = 4, .acquisitive_n = 4, .rfg_key = rfg_low, .age = 17}, {}},
      {"4 acquisitive, age unknown", {.n = 4, .acquisitive_n = 4, .rfg_key = rfg_low}, {}},
      {"10 arrests", {.n = 10, .acquisitive_n = 0, .rfg_key = rfg_low, .age = 15}, {"prolific-10"}},
      {"9 arrests", {.n = 9, .acquisitive_n = 0, .rfg_key = rfg_low, .age = 40}, {}},
      {"rfg 64", {.n = 1, .acquisitive_n = 0, .rfg_key = rfg_60, .age = 40}, {"high-rfg"}},
      {"all three", {.n = 12, .acquisitive_n = 6, .rfg_key = scale.Key(12, 0, 3), .age = 25},
       {"acquisitive-4", "prolific-10", "high-rfg"}},
      {"all three but in the cohort",
       {.n = 12, .acquisitive_n = 6, .rfg_key = scale.Key(12, 0, 3), .age = 25, .in_cohort = true}, {}},
  };
  for (const Case& c : cases) {
    std::vector<std::string> names;
    for (const FiredRule& rule : EvaluateNominationRules(rules, c.facts, scale)) names.push_back(rule.name);
    EXPECT_EQ(names, c.fired) << c.what;
  }
}

TEST(NominationRules, ReasonsSayWhatWasFoundAndWhatWasNeeded) {
  const RfgScale scale{RfgParameters{}};
  const std::vector<FiredRule> fired = EvaluateNominationRules(
      DefaultNominationRules(), {.n = 12, .acquisitive_n = 6, .rfg_key = scale.Key(12, 0, 3), .age = 25}, scale);
  ASSERT_EQ(fired.size(), 3u);
  EXPECT_EQ(fired[0].reason,
            "6 acquisitive-crime events in the window (needs 4); aged 25 (needs 18 or over); not in the cohort");
  EXPECT_EQ(fired[1].reason, "12 qualifying events in the window (needs 10); not in the cohort");
  EXPECT_EQ(fired[2].reason, "RFG 90.00 (needs 60.00); not in the cohort");
}

TEST(NominationRules, HighRfgThresholdIsExact) {
  const RfgScale scale{RfgParameters{}};
  NominationRule rule{.name = "r", .explanation = "e", .min_rfg_centis = 7992};
  // RFG 79.9178 prints as 79.92 but is below 79.92.
  EXPECT_TRUE(EvaluateNominationRules({rule}, {.n = 10, .rfg_key = scale.Key(10, 1, 2)}, scale).empty());
  rule.min_rfg_centis = 7991;
  EXPECT_EQ(EvaluateNominationRules({rule}, {.n = 10, .rfg_key = scale.Key(10, 1, 2)}, scale).size(), 1u);
}

TEST(NominationRules, Validation) {
  const std::pair<NominationRule, const char*> cases[] = {
      {{.name = "", .explanation = "x", .min_events = 1}, "name"},
      {{.name = "Bad Name", .explanation = "x", .min_events = 1}, "name"},
      {{.name = "ok", .explanation = "", .min_events = 1}, "ok: explanation"},
      {{.name = "ok", .explanation = "x"}, "ok: set at least one"},
      {{.name = "ok", .explanation = "x", .min_events = -1}, "ok: thresholds"},
  };
  for (const auto& [rule, expected] : cases) {
    const Status status = rule.Validate();
    ASSERT_FALSE(status.ok()) << expected;
    EXPECT_TRUE(status.message().starts_with(expected)) << status.message();
  }
  for (const NominationRule& rule : DefaultNominationRules()) EXPECT_TRUE(rule.Validate().ok()) << rule.name;
}

}  // namespace
}  // namespace openiom
