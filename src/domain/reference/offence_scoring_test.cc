#include "domain/reference/offence_scoring.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "domain/reference/reference_data.h"

namespace openiom {
namespace {

TEST(OffenceScoringTable, DefaultGravityIsIssue4sList) {
  const std::map<std::string, int> expected = {
      {"homicide", 4}, {"death_serious_injury_driving", 4}, {"rape", 4},
      {"violence_with_injury", 3}, {"other_sexual", 3}, {"sexual_child", 3}, {"robbery_personal", 3},
      {"robbery_business", 3},
      {"burglary_residential", 3}, {"arson", 3}, {"drug_trafficking", 3}, {"possession_of_weapons", 3},
      {"violence_without_injury", 2}, {"stalking_harassment", 2}, {"burglary_business", 2},
      {"theft_of_vehicle", 2}, {"theft_from_person", 2}, {"handling_stolen_goods", 2},
      {"misc_against_society", 2}, {"fraud", 2},
  };
  const OffenceScoringTable& table = OffenceScoringTable::BuiltIn();
  for (const OffenceCategory& category : OffenceCategoryCatalogue::BuiltIn().categories()) {
    const OffenceScoring* row = table.Find(category.code);
    ASSERT_NE(row, nullptr) << category.code;
    const auto it = expected.find(category.code);
    EXPECT_EQ(row->gravity, it == expected.end() ? 1 : it->second) << category.code;
  }
}

TEST(OffenceScoringTable, PublishedFiguresAndTheirStatus) {
  struct Case {
    std::string code;
    std::optional<int64_t> severity;
    FigureStatus severity_status;
    std::optional<int64_t> cost;
    FigureStatus cost_status;
    double ogrs3;
  };
  const Case cases[] = {
      {"homicide", 7979, FigureStatus::kVerified, 3217740, FigureStatus::kVerified, 0},
      {"rape", std::nullopt, FigureStatus::kNone, 39360, FigureStatus::kVerified, 0.0328},
      {"robbery_personal", 746, FigureStatus::kCheck, 11320, FigureStatus::kVerified, -0.6348},
      {"violence_without_injury", std::nullopt, FigureStatus::kNone, 5930, FigureStatus::kCheck, 0},
      {"shoplifting", 13, FigureStatus::kCheck, std::nullopt, FigureStatus::kNone, 0.6612},
      {"theft_from_vehicle", std::nullopt, FigureStatus::kNone, 870, FigureStatus::kVerified, 0.4272},
      {"drug_trafficking", std::nullopt, FigureStatus::kNone, std::nullopt, FigureStatus::kNone, -0.7956},
  };
  for (const Case& c : cases) {
    const OffenceScoring* row = OffenceScoringTable::BuiltIn().Find(c.code);
    ASSERT_NE(row, nullptr) << c.code;
    EXPECT_EQ(row->severity_weight, c.severity) << c.code;
    EXPECT_EQ(row->severity_status, c.severity_status) << c.code;
    EXPECT_EQ(row->unit_cost_gbp, c.cost) << c.code;
    EXPECT_EQ(row->unit_cost_status, c.cost_status) << c.code;
    EXPECT_DOUBLE_EQ(row->ogrs3_parameter, c.ogrs3) << c.code;
  }
}

// Issue 8 defect 14: the categories whose OGRS3 group differed from the Ministry of Justice's mapping of Home
// Office offence codes (offence-code-mapping.csv and the actuarial mapping, data/reference/README.md), and the
// status each figure can honestly carry: "check" where the MoJ splits the category's codes between groups.
TEST(OffenceScoringTable, Ogrs3GroupsFollowTheMoJMapping) {
  struct Case {
    const char* code;
    const char* group;
    double parameter;
    FigureStatus status;
  };
  const Case cases[] = {
      {"possession_of_weapons", "violence against the person", 0, FigureStatus::kVerified},
      {"death_serious_injury_driving", "motoring (other)", 0.2622, FigureStatus::kCheck},
      {"vehicle_interference", "motoring (other)", 0.2622, FigureStatus::kVerified},
      {"drink_driving", "drink driving", -0.1214, FigureStatus::kVerified},
      {"motoring", "motoring (other)", 0.2622, FigureStatus::kVerified},
      {"stalking_harassment", "public order / harassment", 0.1819, FigureStatus::kCheck},
      {"drug_trafficking", "drug supply / production / import / export", -0.7956, FigureStatus::kCheck},
      {"drug_possession", "drug possession", 0.0772, FigureStatus::kVerified},
      {"sexual_child", "sexual - against child", -0.6534, FigureStatus::kVerified},
      {"rape", "sexual - not against child", 0.0328, FigureStatus::kCheck},
      {"arson", "criminal damage", 0.205, FigureStatus::kVerified},
  };
  for (const Case& c : cases) {
    const OffenceScoring* row = OffenceScoringTable::BuiltIn().Find(c.code);
    ASSERT_NE(row, nullptr) << c.code;
    EXPECT_EQ(row->ogrs3_offence, c.group) << c.code;
    EXPECT_DOUBLE_EQ(row->ogrs3_parameter, c.parameter) << c.code;
    EXPECT_EQ(row->ogrs3_status, c.status) << c.code;
  }
}

TEST(OffenceScoringTable, BadFilesNameTheLineAndColumn) {
  const std::string header =
      "code,gravity,severity_weight,severity_status,unit_cost_gbp,unit_cost_status,ogrs3_offence,ogrs3_parameter,"
      "ogrs3_status\n";
  const std::pair<std::string, std::string> cases[] = {
      {"homicide,5,,none,,none,x,0,verified\n", "line 2, column gravity"},
      {"homicide,4,12,none,,none,x,0,verified\n", "line 2, column severity_weight: has a figure but its status"},
      {"homicide,4,,check,,none,x,0,verified\n", "line 2, column severity_weight: is empty"},
      {"homicide,4,,none,-3,check,x,0,verified\n", "line 2, column unit_cost_gbp"},
      {"homicide,4,,none,,maybe,x,0,verified\n", "line 2, column unit_cost_status"},
      {"homicide,4,,none,,none,x,zero,verified\n", "line 2, column ogrs3_parameter"},
      {"murder,4,,none,,none,x,0,verified\n", "line 2, column code: 'murder' is not an offence category"},
      {"homicide,4,,none,,none,x,0,verified\n", "offence category 'death_serious_injury_driving' has no row"},
  };
  for (const auto& [rows, expected] : cases) {
    const Result<OffenceScoringTable> table = OffenceScoringTable::FromCsv(header + rows);
    ASSERT_FALSE(table.ok()) << rows;
    EXPECT_NE(table.status().message().find(expected), std::string::npos) << table.status().message();
  }
}

}  // namespace
}  // namespace openiom
