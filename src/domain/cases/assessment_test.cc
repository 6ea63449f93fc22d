#include "domain/cases/assessment.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

const Date kToday = *ParseIsoDate("2026-03-31");

Assessment AllAnswered(NeedLevel level, bool womens) {
  Assessment assessment;
  assessment.assessed_on = kToday;
  for (const Pathway pathway : FormPathways(kCurrentAssessmentForm)) {
    if (womens || !IsWomensPathway(pathway)) assessment.needs.push_back({pathway, level, ""});
  }
  return assessment;
}

std::vector<std::string> Fields(const FieldProblems& problems) {
  std::vector<std::string> fields;
  for (const FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

TEST(Assessment, TheFormAsksNinePathwaysAndTheTotalScoresTwoForSignificant) {
  ASSERT_EQ(FormPathways(1).size(), 9u);
  EXPECT_TRUE(FormPathways(2).empty());
  Assessment assessment = AllAnswered(NeedLevel::kNone, true);
  EXPECT_EQ(assessment.Total(), 0);
  assessment.needs[0].level = NeedLevel::kSignificant;  // accommodation
  assessment.needs[3].level = NeedLevel::kSome;         // drugs and alcohol
  assessment.needs[8].level = NeedLevel::kSignificant;  // sexual exploitation
  EXPECT_EQ(assessment.Total(), 5);
  EXPECT_EQ(assessment.SignificantCount(), 2);
  EXPECT_EQ(assessment.NeedOn(Pathway::kDrugsAlcohol)->level, NeedLevel::kSome);
  EXPECT_EQ(AllAnswered(NeedLevel::kSignificant, true).Total(), 18);
}

TEST(Assessment, ProblemsNameThePathway) {
  struct Case {
    const char* name;
    Assessment assessment;
    Gender gender;
    std::vector<std::string> fields;
  };
  Assessment missing = AllAnswered(NeedLevel::kSome, false);
  missing.needs.erase(missing.needs.begin() + 1);
  Assessment twice = AllAnswered(NeedLevel::kSome, false);
  twice.needs.push_back({Pathway::kHealth, NeedLevel::kNone, ""});
  Assessment future = AllAnswered(NeedLevel::kSome, false);
  future.assessed_on = kToday + std::chrono::days(1);
  Assessment unknown_form = AllAnswered(NeedLevel::kSome, false);
  unknown_form.form_version = 7;
  Assessment long_notes = AllAnswered(NeedLevel::kSome, false);
  long_notes.needs[2].notes = std::string(kMaxAssessmentNotes + 1, 'n');
  const std::vector<Case> cases = {
      {"a man, seven pathways", AllAnswered(NeedLevel::kSome, false), Gender::kMale, {}},
      {"a man may answer the women's pathways", AllAnswered(NeedLevel::kSome, true), Gender::kMale, {}},
      {"a woman must answer all nine", AllAnswered(NeedLevel::kSome, false), Gender::kFemale,
       {"abuse_rape_domestic_violence", "sexual_exploitation"}},
      {"a woman, nine pathways", AllAnswered(NeedLevel::kSome, true), Gender::kFemale, {}},
      {"one unanswered", missing, Gender::kMale, {"education_training_employment"}},
      {"answered twice", twice, Gender::kMale, {"health"}},
      {"in the future", future, Gender::kMale, {"assessed_on"}},
      {"no such form", unknown_form, Gender::kMale, {"form_version"}},
      {"notes too long", long_notes, Gender::kMale, {"health"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Fields(AssessmentProblems(c.assessment, c.gender, kToday)), c.fields) << c.name;
}

TEST(Assessment, TheLatestOnOrBeforeTheDayAndTheComparisonPathwayByPathway) {
  Assessment first = AllAnswered(NeedLevel::kSome, false);
  first.id = 1;
  first.assessed_on = kToday - std::chrono::days(60);
  first.needs[0].level = NeedLevel::kSignificant;
  Assessment second = AllAnswered(NeedLevel::kSome, true);
  second.id = 2;
  second.assessed_on = kToday;
  second.needs[0].level = NeedLevel::kNone;         // accommodation better
  second.needs[1].level = NeedLevel::kSignificant;  // education worse
  EXPECT_EQ(LatestAssessment({second, first}, kToday)->id, 2);
  EXPECT_EQ(LatestAssessment({second, first}, kToday - std::chrono::days(1))->id, 1);
  EXPECT_FALSE(LatestAssessment({second, first}, kToday - std::chrono::days(61)).has_value());

  const std::vector<PathwayComparison> rows = CompareAssessments(first, second);
  ASSERT_EQ(rows.size(), 9u);
  EXPECT_EQ(rows[0].change, NeedChange::kBetter);
  EXPECT_EQ(rows[1].change, NeedChange::kWorse);
  EXPECT_EQ(rows[2].change, NeedChange::kSame);
  EXPECT_EQ(rows[7].change, NeedChange::kNewlyAsked);
  EXPECT_FALSE(rows[7].before.has_value());
  EXPECT_EQ(rows[7].after, NeedLevel::kSome);
}

}  // namespace
}  // namespace openiom
