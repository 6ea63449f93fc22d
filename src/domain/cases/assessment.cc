#include "domain/cases/assessment.h"

#include <algorithm>
#include <tuple>

namespace openiom {

namespace {

constexpr Pathway kFormOnePathways[] = {
    Pathway::kAccommodation,       Pathway::kEducationTrainingEmployment, Pathway::kHealth,
    Pathway::kDrugsAlcohol,        Pathway::kFinanceBenefitsDebt,         Pathway::kChildrenFamilies,
    Pathway::kAttitudesThinkingBehaviour, Pathway::kAbuseRapeDomesticViolence, Pathway::kSexualExploitation,
};

}  // namespace

bool IsWomensPathway(Pathway pathway) {
  return pathway == Pathway::kAbuseRapeDomesticViolence || pathway == Pathway::kSexualExploitation;
}

int NeedScore(NeedLevel level) {
  switch (level) {
    case NeedLevel::kNone: return 0;
    case NeedLevel::kSome: return 1;
    case NeedLevel::kSignificant: return 2;
  }
  return 0;
}

std::span<const Pathway> FormPathways(int form_version) {
  if (form_version == 1) return kFormOnePathways;
  return {};
}

int Assessment::Total() const {
  int total = 0;
  for (const PathwayNeed& need : needs) total += NeedScore(need.level);
  return total;
}

int Assessment::SignificantCount() const {
  return static_cast<int>(
      std::count_if(needs.begin(), needs.end(), [](const PathwayNeed& n) { return n.level == NeedLevel::kSignificant; }));
}

std::optional<PathwayNeed> Assessment::NeedOn(Pathway pathway) const {
  for (const PathwayNeed& need : needs) {
    if (need.pathway == pathway) return need;
  }
  return std::nullopt;
}

FieldProblems AssessmentProblems(const Assessment& assessment, Gender gender, Date today) {
  FieldProblems problems;
  const std::span<const Pathway> form = FormPathways(assessment.form_version);
  if (form.empty()) {
    problems.push_back({"form_version", "is not a version of the assessment form"});
    return problems;
  }
  if (assessment.assessed_on > today) problems.push_back({"assessed_on", "cannot be in the future"});
  for (size_t need_idx = 0; need_idx < assessment.needs.size(); ++need_idx) {
    const PathwayNeed& need = assessment.needs[need_idx];
    const std::string field(CodeOf(need.pathway));
    if (std::find(form.begin(), form.end(), need.pathway) == form.end()) {
      problems.push_back({field, "is not on this version of the form"});
    }
    for (size_t earlier = 0; earlier < need_idx; ++earlier) {
      if (assessment.needs[earlier].pathway == need.pathway) problems.push_back({field, "is answered twice"});
    }
    if (need.notes.size() > kMaxAssessmentNotes) {
      problems.push_back({field, "notes must be at most " + std::to_string(kMaxAssessmentNotes) + " characters"});
    }
  }
  for (const Pathway pathway : form) {
    const bool required = !IsWomensPathway(pathway) || gender == Gender::kFemale;
    if (required && !assessment.NeedOn(pathway)) {
      problems.push_back({std::string(CodeOf(pathway)), "select the level of need"});
    }
  }
  return problems;
}

std::optional<Assessment> LatestAssessment(const std::vector<Assessment>& assessments, Date as_of) {
  const Assessment* latest = nullptr;
  for (const Assessment& assessment : assessments) {
    if (assessment.assessed_on > as_of) continue;
    if (latest == nullptr ||
        std::tie(assessment.assessed_on, assessment.id) > std::tie(latest->assessed_on, latest->id)) {
      latest = &assessment;
    }
  }
  if (latest == nullptr) return std::nullopt;
  return *latest;
}

std::vector<PathwayComparison> CompareAssessments(const Assessment& previous, const Assessment& current) {
  std::vector<PathwayComparison> rows;
  auto add = [&](Pathway pathway) {
    PathwayComparison row{.pathway = pathway};
    if (const auto before = previous.NeedOn(pathway)) row.before = before->level;
    if (const auto after = current.NeedOn(pathway)) row.after = after->level;
    if (!row.before && !row.after) return;
    if (!row.before || !row.after) {
      row.change = NeedChange::kNewlyAsked;
    } else if (NeedScore(*row.after) < NeedScore(*row.before)) {
      row.change = NeedChange::kBetter;
    } else if (NeedScore(*row.after) > NeedScore(*row.before)) {
      row.change = NeedChange::kWorse;
    }
    rows.push_back(row);
  };
  std::vector<Pathway> seen;
  for (const Pathway pathway : FormPathways(current.form_version)) {
    add(pathway);
    seen.push_back(pathway);
  }
  for (const PathwayNeed& need : previous.needs) {
    if (std::find(seen.begin(), seen.end(), need.pathway) == seen.end()) add(need.pathway);
  }
  return rows;
}

}  // namespace openiom
