// The pathway assessment: a practitioner scores a person's need on each of the nine resettlement pathways (none,
// some, significant) with notes. The form is versioned so that a change to the pathways never rewrites old
// assessments; the BRAG rating reads the latest one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class Pathway {
  kAccommodation,
  kEducationTrainingEmployment,
  kHealth,
  kDrugsAlcohol,
  kFinanceBenefitsDebt,
  kChildrenFamilies,
  kAttitudesThinkingBehaviour,
  kAbuseRapeDomesticViolence,  // women's pathway
  kSexualExploitation,         // women's pathway
};
inline constexpr Term<Pathway> kPathwayTerms[] = {
    {Pathway::kAccommodation, "accommodation", "Accommodation"},
    {Pathway::kEducationTrainingEmployment, "education_training_employment", "Education, training and employment"},
    {Pathway::kHealth, "health", "Health (physical and mental)"},
    {Pathway::kDrugsAlcohol, "drugs_alcohol", "Drugs and alcohol"},
    {Pathway::kFinanceBenefitsDebt, "finance_benefits_debt", "Finance, benefits and debt"},
    {Pathway::kChildrenFamilies, "children_families", "Children and families"},
    {Pathway::kAttitudesThinkingBehaviour, "attitudes_thinking_behaviour", "Attitudes, thinking and behaviour"},
    {Pathway::kAbuseRapeDomesticViolence, "abuse_rape_domestic_violence", "Abuse, rape and domestic violence"},
    {Pathway::kSexualExploitation, "sexual_exploitation", "Sexual exploitation"},
};
constexpr const auto& TermsOf(Pathway) { return kPathwayTerms; }
static_assert(InEnumOrder(kPathwayTerms));

// The two pathways asked of women (and of anyone else only if the assessor chooses to answer them).
bool IsWomensPathway(Pathway pathway);

enum class NeedLevel { kNone, kSome, kSignificant };
inline constexpr Term<NeedLevel> kNeedLevelTerms[] = {
    {NeedLevel::kNone, "none", "No need"},
    {NeedLevel::kSome, "some", "Some need"},
    {NeedLevel::kSignificant, "significant", "Significant need"},
};
constexpr const auto& TermsOf(NeedLevel) { return kNeedLevelTerms; }
static_assert(InEnumOrder(kNeedLevelTerms));

// A need's score in the total: none 0, some 1, significant 2.
int NeedScore(NeedLevel level);

// The version of the form new assessments are made with, and its pathways in the order it asks them.
inline constexpr int kCurrentAssessmentForm = 1;
// The pathways of a form version, or an empty span for a version that does not exist.
std::span<const Pathway> FormPathways(int form_version);

struct PathwayNeed {
  Pathway pathway = Pathway::kAccommodation;
  NeedLevel level = NeedLevel::kNone;
  std::string notes;
  bool operator==(const PathwayNeed&) const = default;
};

using AssessmentId = int64_t;

struct Assessment {
  AssessmentId id = 0;
  PersonId person_id = 0;
  int form_version = kCurrentAssessmentForm;
  Date assessed_on{};
  std::string assessor;  // who assessed (a user's name)
  std::string agency;    // their agency
  std::vector<PathwayNeed> needs;  // in the form's order
  Timestamp recorded_at{};

  // The sum of the need scores (0 to 2 per pathway answered).
  int Total() const;
  // How many pathways have significant need.
  int SignificantCount() const;
  // The need on `pathway`, if it was answered.
  std::optional<PathwayNeed> NeedOn(Pathway pathway) const;
};

inline constexpr size_t kMaxAssessmentNotes = 4000;

// Every problem with an assessment as typed: a form version that does not exist, a day after `today`, a pathway
// that is not on the form or answered twice, an unanswered pathway (the women's pathways are required when the
// person is a woman, optional otherwise), notes too long. Fields are "assessed_on", "form_version" and the
// pathway's code.
FieldProblems AssessmentProblems(const Assessment& assessment, Gender gender, Date today);

// The latest assessment made on or before `as_of` (latest day, then latest id), if any.
std::optional<Assessment> LatestAssessment(const std::vector<Assessment>& assessments, Date as_of);

// One pathway of two assessments side by side.
enum class NeedChange { kBetter, kSame, kWorse, kNewlyAsked };
struct PathwayComparison {
  Pathway pathway = Pathway::kAccommodation;
  std::optional<NeedLevel> before, after;  // absent where that assessment did not answer it
  NeedChange change = NeedChange::kSame;
};
// `current` against `previous`, pathway by pathway in the current form's order (then any pathway only the previous
// one answered).
std::vector<PathwayComparison> CompareAssessments(const Assessment& previous, const Assessment& current);

}  // namespace openiom
