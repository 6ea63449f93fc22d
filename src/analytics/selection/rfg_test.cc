#include "analytics/selection/rfg.h"

#include <gtest/gtest.h>

#include <cmath>

namespace openiom {
namespace {

const Date kAsOf = *ParseIsoDate("2026-11-30");

ScoredEvent Arrest(int days_before, std::string category = "shoplifting", EventId id = 0) {
  return {.id = id, .date = kAsOf - std::chrono::days(days_before), .kind = EventKind::kArrest,
          .category = std::move(category)};
}

RfgResult Score(const std::vector<ScoredEvent>& events, const RfgParameters& parameters = {}) {
  return ScoreRfg(events, kAsOf, parameters, OffenceScoringTable::BuiltIn());
}

std::vector<ScoredEvent> Arrests(int count, int latest_days_before, const std::string& worst_category) {
  std::vector<ScoredEvent> events;
  for (int i = 0; i < count; ++i) {
    events.push_back(Arrest(latest_days_before + i, i == 0 ? worst_category : "shoplifting", i + 1));
  }
  return events;
}

TEST(Rfg, HandComputedScores) {
  struct Case {
    const char* what;
    std::vector<ScoredEvent> events;
    int64_t n, d;
    int gravity;
    const char* r;
    const char* f;
    const char* g;
    const char* rfg;
  };
  const Case cases[] = {
      // R = 100 (1 - 0/365) = 100, F = 10, G = 0: 0.3*100 + 0.4*10 = 34.
      {"one arrest today", {Arrest(0)}, 1, 0, 1, "100.00", "10.00", "0.00", "34.00"},
      // d = 364 (the window's first day): R = 100/365 = 0.27; F = 10; G = 0: 0.08 + 4 = 4.08.
      {"first day of the window", {Arrest(364)}, 1, 364, 1, "0.27", "10.00", "0.00", "4.08"},
      // d = 73: R = 80; n = 9: F = 90; homicide: G = 100: 24 + 36 + 30 = 90.
      {"issue example A", Arrests(9, 73, "homicide"), 9, 73, 4, "80.00", "90.00", "100.00", "90.00"},
      // d = 0, n = 10, gravity 3: 30 + 40 + 20 = 90 — an exact tie with A.
      {"issue example B", Arrests(10, 0, "robbery_personal"), 10, 0, 3, "100.00", "100.00", "66.67", "90.00"},
      // Frequency is capped at 10.
      {"fifteen arrests", Arrests(15, 10, "shoplifting"), 15, 10, 1, "97.26", "100.00", "0.00", "69.18"},
      // gravity 2: G = 33.33; d = 100: R = 72.60; 0.3*72.603 + 0.4*20 + 0.3*33.333 = 21.78 + 8 + 10 = 39.78.
      {"two arrests", Arrests(2, 100, "fraud"), 2, 100, 2, "72.60", "20.00", "33.33", "39.78"},
  };
  for (const Case& c : cases) {
    const RfgResult result = Score(c.events);
    EXPECT_EQ(result.n, c.n) << c.what;
    EXPECT_EQ(result.days_since_latest, c.d) << c.what;
    EXPECT_EQ(result.max_gravity, c.gravity) << c.what;
    EXPECT_EQ(FormatCentis(result.r_centis), c.r) << c.what;
    EXPECT_EQ(FormatCentis(result.f_centis), c.f) << c.what;
    EXPECT_EQ(FormatCentis(result.g_centis), c.g) << c.what;
    EXPECT_EQ(FormatCentis(result.rfg_centis), c.rfg) << c.what;
    const double r = 100.0 * (1 - static_cast<double>(c.d) / 365), f = 100.0 * std::min<int64_t>(c.n, 10) / 10,
                 g = 100.0 * (c.gravity - 1) / 3;
    EXPECT_NEAR(RfgScale(RfgParameters{}).Rfg(result.key), 0.3 * r + 0.4 * f + 0.3 * g, 1e-9) << c.what;
  }
}

TEST(Rfg, TheIssuesTieHasEqualKeysSoPersonIdDecides) {
  const RfgResult a = Score(Arrests(9, 73, "homicide"));
  const RfgResult b = Score(Arrests(10, 0, "robbery_personal"));
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.rfg_centis, 9000);
}

TEST(Rfg, DefaultKeyIsHalfTheIssuesIntegerKey) {
  // Issue 4: 73 RFG = 2190 - 6d + 292 min(n, 10) + 730 (g - 1). OpenIOM divides by the common factor 2.
  const RfgScale scale{RfgParameters{}};
  for (int d = 0; d < 365; ++d) {
    for (int n = 1; n <= 12; ++n) {
      for (int g = 1; g <= 4; ++g) {
        ASSERT_EQ(2 * scale.Key(n, d, g), 2190 - 6 * d + 292 * std::min(n, 10) + 730 * (g - 1)) << d << n << g;
      }
    }
  }
  EXPECT_EQ(scale.max_key(), 3650);
}

TEST(Rfg, WindowEdgesAndKinds) {
  struct Case {
    const char* what;
    std::vector<ScoredEvent> events;
    int64_t n;
  };
  ScoredEvent charge = Arrest(3);
  charge.kind = EventKind::kCharge;
  const Case cases[] = {
      {"no events", {}, 0},
      {"exactly W days ago is outside (T - W, T]", {Arrest(365)}, 0},
      {"W - 1 days ago is inside", {Arrest(364)}, 1},
      {"on the as-of day is inside", {Arrest(0)}, 1},
      {"after the as-of day is outside", {Arrest(-1)}, 0},
      {"a charge does not qualify by default", {charge}, 0},
      {"mixed", {Arrest(365), Arrest(364), Arrest(0), Arrest(-1), charge}, 2},
  };
  for (const Case& c : cases) {
    const RfgResult result = Score(c.events);
    EXPECT_EQ(result.n, c.n) << c.what;
    if (c.n == 0) {
      EXPECT_EQ(result.rfg_centis, 0) << c.what;
      EXPECT_EQ(result.key, 0) << c.what;
      EXPECT_FALSE(result.latest.has_value()) << c.what;
      EXPECT_TRUE(result.events.empty()) << c.what;
    }
  }
  RfgParameters charges;
  charges.qualifying_kinds = EventKindBit(EventKind::kArrest) | EventKindBit(EventKind::kCharge);
  EXPECT_EQ(Score({charge, Arrest(1)}, charges).n, 2);
}

TEST(Rfg, HarmAndCostSumTheSameEventsAndSayWhatIsMissingOrUnverified) {
  // In the window: homicide (7,979; £3,217,740), robbery_personal (746 check; £11,320), shoplifting (13 check; no
  // cost); outside: another homicide.
  const RfgResult result = Score({Arrest(5, "homicide", 1), Arrest(6, "robbery_personal", 2),
                                  Arrest(7, "shoplifting", 3), Arrest(400, "homicide", 4)});
  EXPECT_EQ(result.n, 3);
  EXPECT_EQ(result.harm, 7979 + 746 + 13);
  EXPECT_EQ(result.cost, 3217740 + 11320);
  EXPECT_EQ(result.events, (std::vector<EventId>{3, 2, 1}));  // date order
  EXPECT_TRUE(result.provisional);
  ASSERT_EQ(result.reasons.size(), 2u);
  EXPECT_EQ(result.reasons[0], "harm: unverified severity weights used — robbery_personal (1), shoplifting (1)");
  EXPECT_EQ(result.reasons[1], "cost: no published unit cost, counted as 0 — shoplifting (1)");

  const RfgResult verified = Score({Arrest(5, "homicide")});
  EXPECT_FALSE(verified.provisional);
  EXPECT_TRUE(verified.reasons.empty());
}

TEST(Rfg, AnArrestWithoutACategoryCountsAsGravity1AndIsProvisional) {
  const RfgResult result = Score({Arrest(2, "", 7)});
  EXPECT_EQ(result.n, 1);
  EXPECT_EQ(result.max_gravity, 1);
  EXPECT_TRUE(result.provisional);
  ASSERT_EQ(result.reasons.size(), 1u);
  EXPECT_EQ(result.reasons[0], "gravity: events with no offence category were taken as gravity 1 — 2026-11-28 (1)");
}

TEST(Rfg, ConfiguredParametersFollowTheSameFormula) {
  RfgParameters parameters;
  parameters.window_days = 180;
  parameters.frequency_cap = 5;
  parameters.weight_recency = 50;
  parameters.weight_frequency = 25;
  parameters.weight_gravity = 25;
  ASSERT_TRUE(parameters.Validate().ok());
  const RfgScale scale(parameters);
  for (int d = 0; d < 180; d += 7) {
    for (int n = 1; n <= 7; ++n) {
      for (int g = 1; g <= 4; ++g) {
        const double expected =
            0.5 * 100 * (1 - d / 180.0) + 0.25 * 100 * std::min(n, 5) / 5.0 + 0.25 * 100 * (g - 1) / 3.0;
        ASSERT_NEAR(scale.Rfg(scale.Key(n, d, g)), expected, 1e-9);
        ASSERT_EQ(scale.RfgCentis(scale.Key(n, d, g)), std::llround(expected * 100 + 1e-9)) << d << n << g;
      }
    }
  }
  EXPECT_EQ(Score({Arrest(200)}, parameters).n, 0);
}

TEST(Rfg, AtLeastComparesExactly) {
  const RfgScale scale{RfgParameters{}};
  // d = 1, n = 10, gravity 2: RFG = 0.3 (100 - 100/365) + 40 + 10 = 79.9178...: rounds to 79.92, is not >= 79.92.
  const int64_t key = scale.Key(10, 1, 2);
  EXPECT_EQ(scale.RfgCentis(key), 7992);
  EXPECT_FALSE(scale.AtLeast(key, 7992));
  EXPECT_TRUE(scale.AtLeast(key, 7991));
  EXPECT_TRUE(scale.AtLeast(scale.Key(10, 0, 3), 9000));
}

TEST(Rfg, ParametersAreValidated) {
  const std::pair<RfgParameters, const char*> cases[] = {
      {{.window_days = 0}, "window_days"},
      {{.frequency_cap = 0}, "frequency_cap"},
      {{.weight_recency = -1, .weight_frequency = 71}, "weight_recency"},
      {{.weight_recency = 31}, "weights"},
      {{.qualifying_kinds = 0}, "qualifying_kinds"},
  };
  for (const auto& [parameters, field] : cases) {
    const Status status = parameters.Validate();
    ASSERT_FALSE(status.ok()) << field;
    EXPECT_TRUE(status.message().starts_with(field)) << status.message();
  }
}

TEST(Rfg, FormatCentis) {
  EXPECT_EQ(FormatCentis(0), "0.00");
  EXPECT_EQ(FormatCentis(5), "0.05");
  EXPECT_EQ(FormatCentis(9000), "90.00");
  EXPECT_EQ(FormatCentis(3333), "33.33");
  EXPECT_EQ(FormatCentis(-150), "-1.50");
}

}  // namespace
}  // namespace openiom
