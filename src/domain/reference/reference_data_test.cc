#include "domain/reference/reference_data.h"

#include <gtest/gtest.h>

#include <set>

namespace openiom {
namespace {

TEST(OffenceCategories, BuiltInTableMatchesTheIssueList) {
  // Code, acquisitive, neighbourhood crime: the list agreed for OpenIOM (issue 2), with HMICFRS neighbourhood crime.
  struct Row {
    const char* code;
    bool acquisitive;
    bool neighbourhood;
    const char* group;
  };
  const std::vector<Row> expected = {
      {"homicide", false, false, "violence_against_the_person"},
      {"death_serious_injury_driving", false, false, "violence_against_the_person"},
      {"violence_with_injury", false, false, "violence_against_the_person"},
      {"violence_without_injury", false, false, "violence_against_the_person"},
      {"stalking_harassment", false, false, "violence_against_the_person"},
      {"rape", false, false, "sexual_offences"},
      {"other_sexual", false, false, "sexual_offences"},
      {"sexual_child", false, false, "sexual_offences"},
      {"robbery_personal", true, true, "robbery"},
      {"robbery_business", true, false, "robbery"},
      {"burglary_residential", true, true, "theft"},
      {"burglary_business", true, false, "theft"},
      {"theft_of_vehicle", true, true, "theft"},
      {"theft_from_vehicle", true, true, "theft"},
      {"vehicle_interference", true, false, "theft"},
      {"theft_from_person", true, true, "theft"},
      {"bicycle_theft", true, false, "theft"},
      {"shoplifting", true, false, "theft"},
      {"handling_stolen_goods", true, false, "theft"},
      {"other_theft", true, false, "theft"},
      {"arson", false, false, "criminal_damage_and_arson"},
      {"criminal_damage", false, false, "criminal_damage_and_arson"},
      {"drug_trafficking", false, false, "drug_offences"},
      {"drug_possession", false, false, "drug_offences"},
      {"possession_of_weapons", false, false, "possession_of_weapons"},
      {"public_order", false, false, "public_order"},
      {"misc_against_society", false, false, "misc_against_society"},
      {"fraud", true, false, "fraud"},
      {"motoring", false, false, "other"},
      {"drink_driving", false, false, "other"},
      {"other", false, false, "other"},
  };
  const OffenceCategoryCatalogue& catalogue = OffenceCategoryCatalogue::BuiltIn();
  EXPECT_EQ(catalogue.categories().size(), expected.size());
  for (const Row& row : expected) {
    const OffenceCategory* category = catalogue.Find(row.code);
    ASSERT_NE(category, nullptr) << row.code;
    EXPECT_EQ(category->acquisitive, row.acquisitive) << row.code;
    EXPECT_EQ(category->neighbourhood_crime, row.neighbourhood) << row.code;
    EXPECT_EQ(category->offence_group, row.group) << row.code;
    EXPECT_FALSE(category->source.empty()) << row.code;
    EXPECT_FALSE(category->name.empty()) << row.code;
  }
  EXPECT_EQ(catalogue.Find("theft"), nullptr);
}

TEST(OffenceCategories, FromCsvReportsLineAndColumn) {
  auto bad_flag = OffenceCategoryCatalogue::FromCsv(
      "# comment\ncode,name,offence_group,acquisitive,neighbourhood_crime,source\nx,X,g,yes,0,s\n");
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_EQ(bad_flag.status().message(), "line 3, column acquisitive: must be 0 or 1, not 'yes'");
  auto duplicate = OffenceCategoryCatalogue::FromCsv(
      "code,name,offence_group,acquisitive,neighbourhood_crime,source\nx,X,g,1,0,s\nx,Y,g,1,0,s\n");
  ASSERT_FALSE(duplicate.ok());
  EXPECT_EQ(duplicate.status().message(), "line 3, column code: 'x' appears twice");
  auto missing = OffenceCategoryCatalogue::FromCsv("code,name\nx,X\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "line 2, column offence_group: missing from the header");
}

// The same problems as data, for callers that show them by field (no one reads the message back).
TEST(OffenceCategories, FromCsvCarriesTheProblemAsData) {
  auto bad_flag = OffenceCategoryCatalogue::FromCsv(
      "# comment\ncode,name,offence_group,acquisitive,neighbourhood_crime,source\nx,X,g,yes,0,s\n");
  ASSERT_FALSE(bad_flag.ok());
  EXPECT_EQ(bad_flag.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_flag.status().problems(), (FieldProblems{{"acquisitive", "must be 0 or 1, not 'yes'", 3}}));
  auto missing = OffenceCategoryCatalogue::FromCsv("code,name\nx,X\n");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().problems(), (FieldProblems{{"offence_group", "missing from the header", 2}}));
}

TEST(PoliceUkCrimeTypes, EveryPublishedTypeMapsToAKnownCategory) {
  const std::vector<std::string> published = {
      "Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime",
      "Other theft", "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person",
      "Vehicle crime", "Violence and sexual offences"};
  const PoliceUkCrimeTypes& types = PoliceUkCrimeTypes::BuiltIn();
  EXPECT_EQ(types.types().size(), published.size());
  for (const std::string& name : published) {
    const PoliceUkCrimeType* type = types.Find(name);
    ASSERT_NE(type, nullptr) << name;
    if (name == "Anti-social behaviour") {
      EXPECT_TRUE(type->category.empty());
      EXPECT_EQ(type->precision, "none");
    } else {
      EXPECT_NE(OffenceCategoryCatalogue::BuiltIn().Find(type->category), nullptr) << name;
      EXPECT_TRUE(type->precision == "exact" || type->precision == "approximate") << name;
      EXPECT_EQ(type->precision == "approximate", !type->note.empty()) << name << ": approximations say why";
    }
  }
  EXPECT_EQ(types.Find("Shoplifting")->category, "shoplifting");
  EXPECT_EQ(types.Find("Burglary")->precision, "approximate");
}

TEST(LsoaCatalogue, ClevelandHasFourDistrictsAnd352Lsoas) {
  const LsoaCatalogue& cleveland = LsoaCatalogue::Cleveland();
  EXPECT_EQ(cleveland.lsoas().size(), 352u);
  std::set<std::string> names;
  for (const District& district : cleveland.districts()) names.insert(district.name);
  EXPECT_EQ(names, (std::set<std::string>{"Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"}));
  const Lsoa* lsoa = cleveland.Find("E01011954");  // Hartlepool 001A, first row of the October 2018 police file
  ASSERT_NE(lsoa, nullptr);
  EXPECT_EQ(lsoa->district_name, "Hartlepool");
  EXPECT_EQ(lsoa->name, "Hartlepool 001A");
  EXPECT_TRUE(IsInsideUk(lsoa->centroid));
  EXPECT_EQ(cleveland.Find("E01027592"), nullptr);  // County Durham: outside Cleveland
}

}  // namespace
}  // namespace openiom
