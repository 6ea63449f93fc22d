#include "analytics/engine/columns.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(ParseDayNumber, AgreesWithTheCalendar) {
  const char* valid[] = {"1970-01-01", "1969-12-31", "2000-02-29", "2024-02-29", "1800-01-01", "9999-12-31",
                         "2026-11-30"};
  for (const char* text : valid) {
    const std::optional<int32_t> day = ParseDayNumber(text);
    ASSERT_TRUE(day.has_value()) << text;
    EXPECT_EQ(*day, ParseIsoDate(text)->time_since_epoch().count()) << text;
  }
  EXPECT_EQ(*ParseDayNumber("1970-01-01"), 0);
  const char* invalid[] = {"", "2026-1-30", "2026-11-31", "2023-02-29", "1900-02-29", "1799-12-31", "2026/11/30",
                           "2026-13-01", "2026-00-10", "2026-11-00", "20261130xx", "2026-11-3a"};
  for (const char* text : invalid) EXPECT_FALSE(ParseDayNumber(text).has_value()) << text;
}

TEST(SmallCodeIndex, FindsEveryCodeAndNothingElse) {
  const CategoryColumns& categories = CategoryColumns::BuiltIn();
  for (size_t i = 0; i < categories.code.size(); ++i) EXPECT_EQ(categories.Find(categories.code[i]), i);
  EXPECT_EQ(categories.Find("Shoplifting"), kNoCategory);
  EXPECT_EQ(categories.Find(""), kNoCategory);
  EXPECT_EQ(categories.Find("shoplifting "), kNoCategory);
  for (EventKind kind : kAllEventKinds) EXPECT_EQ(EventKindIndex().Find(EventKindCode(kind)), static_cast<int>(kind));
  EXPECT_EQ(EventKindIndex().Find("arrests"), -1);
}

TEST(CategoryColumns, CarryTheFiguresScoresNeed) {
  const CategoryColumns& categories = CategoryColumns::BuiltIn();
  const uint8_t homicide = categories.Find("homicide");
  EXPECT_EQ(categories.gravity[homicide], 4);
  EXPECT_EQ(categories.severity_weight[homicide], 7979);
  EXPECT_EQ(categories.unit_cost[homicide], 3217740);
  EXPECT_EQ(categories.acquisitive[homicide], 0);
  const uint8_t shoplifting = categories.Find("shoplifting");
  EXPECT_EQ(categories.unit_cost[shoplifting], 0);  // no published figure
  EXPECT_EQ(categories.acquisitive[shoplifting], 1);
}

TEST(CategoryColumns, RefuseCatalogueThatCannotBeCodedInAByte) {
  std::vector<OffenceCategory> categories = OffenceCategoryCatalogue::BuiltIn().categories();
  categories.push_back({.code = std::string(33, 'x'), .name = "Too long"});
  Result<CategoryColumns> long_code =
      CategoryColumns::From(OffenceCategoryCatalogue(categories), OffenceScoringTable::BuiltIn());
  ASSERT_FALSE(long_code.ok());
  EXPECT_NE(long_code.status().message().find("1 to 32 characters"), std::string::npos);
  categories.pop_back();
  for (int i = 0; i < 200; ++i) categories.push_back({.code = "local_" + std::to_string(i), .name = "Local"});
  EXPECT_FALSE(CategoryColumns::From(OffenceCategoryCatalogue(categories), OffenceScoringTable::BuiltIn()).ok());
}

TEST(PersonIdIndex, DenseAndSparseIdsAndDuplicates) {
  // Scattered small ids (a direct array), large ones (a hash table) and a contiguous run (arithmetic).
  const std::vector<std::vector<int64_t>> id_sets = {{5, 1, 3}, {9000000000001, 7, 123456789012, 42}, {3, 4, 5, 6}};
  for (const std::vector<int64_t>& ids : id_sets) {
    const Result<PersonIdIndex> index = PersonIdIndex::Build(ids);
    ASSERT_TRUE(index.ok());
    for (size_t row = 0; row < ids.size(); ++row) EXPECT_EQ(index->Find(ids[row]), static_cast<int64_t>(row));
    EXPECT_EQ(index->Find(2), -1);
    EXPECT_EQ(index->Find(7 + static_cast<int64_t>(ids.size()) * 1000), -1);
    EXPECT_EQ(index->Find(-4), -1);
    EXPECT_EQ(index->Find(9000000000002), -1);
  }
  for (const std::vector<int64_t>& ids : {std::vector<int64_t>{1, 2, 1}, std::vector<int64_t>{1, 99999999999, 99999999999}}) {
    const Result<PersonIdIndex> index = PersonIdIndex::Build(ids);
    ASSERT_FALSE(index.ok());
    EXPECT_NE(index.status().message().find("appears twice"), std::string::npos);
  }
}

}  // namespace
}  // namespace openiom
