#include "analytics/selection/bulk_scores.h"

#include <gtest/gtest.h>

#include <random>

namespace openiom {
namespace {

const Date kAsOf = *ParseIsoDate("2026-11-30");
const int32_t kAsOfDay = static_cast<int32_t>(kAsOf.time_since_epoch().count());

const CategoryColumns& Categories() {
  return CategoryColumns::BuiltIn();
}

// Random people and events, with the same events also kept per person for the one-person rule.
struct World {
  PersonColumns people;
  EventColumns events;
  std::vector<std::vector<ScoredEvent>> per_person;
};

World RandomWorld(uint32_t seed, size_t people, size_t events, bool shuffled_ids) {
  std::mt19937 random(seed);
  World world;
  for (size_t i = 0; i < people; ++i) {
    const int64_t id = shuffled_ids ? static_cast<int64_t>((i * 7919) % people) * 3 + 11 : static_cast<int64_t>(i + 1);
    world.people.Append(id, kUnknownDay, 'M');
  }
  world.per_person.resize(people);
  world.events.blocks.resize(3);
  const std::vector<std::string>& codes = Categories().code;
  for (size_t i = 0; i < events; ++i) {
    const uint32_t person = random() % static_cast<uint32_t>(people);
    const int32_t day = kAsOfDay - static_cast<int32_t>(random() % 420) + 20;
    const EventKind kind = random() % 3 == 0 ? EventKind::kCharge : EventKind::kArrest;
    const bool no_category = random() % 50 == 0;
    const uint8_t category = no_category ? kNoCategory : static_cast<uint8_t>(random() % codes.size());
    world.events.blocks[i % 3].Append(person, day, static_cast<uint8_t>(kind), category);
    world.per_person[person].push_back({.id = static_cast<EventId>(i + 1), .date = Date(std::chrono::days(day)),
                                        .kind = kind, .category = no_category ? "" : codes[category]});
  }
  return world;
}

TEST(ScoreEveryone, AgreesWithTheOnePersonRuleAndRanksByKeyThenId) {
  for (bool shuffled : {false, true}) {
    const World world = RandomWorld(shuffled ? 7 : 3, 500, 6000, shuffled);
    const RfgParameters parameters;
    const RfgScale scale(parameters);
    for (int threads : {1, 2, 4}) {
      const BulkScores scores = ScoreEveryone(world.events, world.people, Categories(), parameters, kAsOf, threads);
      std::vector<const ScoredPerson*> by_row(500, nullptr);
      for (const ScoredPerson& person : scores.ranked) {
        ASSERT_EQ(by_row[person.row], nullptr) << "row " << person.row << " ranked twice";
        by_row[person.row] = &person;
      }
      for (size_t row = 0; row < 500; ++row) {
        const RfgResult expected = ScoreRfg(world.per_person[row], kAsOf, parameters, OffenceScoringTable::BuiltIn());
        if (expected.n == 0) {
          EXPECT_EQ(by_row[row], nullptr) << row;
          continue;
        }
        ASSERT_NE(by_row[row], nullptr) << row;
        const PersonTotals& t = by_row[row]->totals;
        EXPECT_EQ(t.n, expected.n) << row;
        EXPECT_EQ(Date(std::chrono::days(t.latest_day)), *expected.latest) << row;
        EXPECT_EQ(t.max_gravity, expected.max_gravity) << row;
        EXPECT_EQ(t.harm, expected.harm) << row;
        EXPECT_EQ(t.cost, expected.cost) << row;
        EXPECT_EQ(by_row[row]->key, expected.key) << row;
      }
      for (size_t i = 1; i < scores.ranked.size(); ++i) {
        const ScoredPerson& a = scores.ranked[i - 1];
        const ScoredPerson& b = scores.ranked[i];
        ASSERT_GE(a.key, b.key) << i;
        if (a.key == b.key) {
          ASSERT_LT(world.people.id[a.row], world.people.id[b.row]) << i;
        }
      }
    }
  }
}

TEST(ScoreEveryone, PeopleInManyBucketsAndTiesAcrossBuckets) {
  // 50,000 people span four buckets of 16,384; everyone gets one arrest on the same day, so every key ties
  // and the order must be exactly by person id.
  PersonColumns people;
  EventColumns events;
  events.blocks.resize(2);
  for (uint32_t row = 0; row < 50000; ++row) {
    people.Append(row + 1, kUnknownDay, 'U');
    events.blocks[row % 2].Append(49999 - row, kAsOfDay - 3, static_cast<uint8_t>(EventKind::kArrest),
                                  Categories().Find("fraud"));
  }
  const BulkScores scores = ScoreEveryone(events, people, Categories(), RfgParameters{}, kAsOf, 2);
  ASSERT_EQ(scores.ranked.size(), 50000u);
  for (uint32_t i = 0; i < 50000; ++i) ASSERT_EQ(scores.ranked[i].row, i);
}

TEST(ScoreEveryone, CountsAcquisitiveArrestsInTheWindow) {
  PersonColumns people;
  people.Append(1, kUnknownDay, 'F');
  people.Append(2, kUnknownDay, 'M');
  EventColumns events;
  events.blocks.resize(1);
  const uint8_t arrest = static_cast<uint8_t>(EventKind::kArrest);
  for (const char* category : {"shoplifting", "burglary_residential", "fraud", "criminal_damage"}) {
    events.blocks[0].Append(0, kAsOfDay - 10, arrest, Categories().Find(category));
  }
  events.blocks[0].Append(0, kAsOfDay - 365, arrest, Categories().Find("shoplifting"));  // outside the window
  events.blocks[0].Append(1, kAsOfDay, static_cast<uint8_t>(EventKind::kCharge), Categories().Find("shoplifting"));
  const BulkScores scores = ScoreEveryone(events, people, Categories(), RfgParameters{}, kAsOf, 2);
  ASSERT_EQ(scores.ranked.size(), 1u);  // person 2's charge does not qualify
  EXPECT_EQ(scores.ranked[0].row, 0u);
  EXPECT_EQ(scores.ranked[0].totals.n, 4);
  EXPECT_EQ(scores.ranked[0].totals.acquisitive_n, 3);
}

}  // namespace
}  // namespace openiom
