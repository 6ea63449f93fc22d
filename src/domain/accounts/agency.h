// Agencies that make up the IOM partnership. Every user belongs to one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/vocabulary.h"

namespace openiom {

using AgencyId = int64_t;

enum class AgencyKind {
  kPolice, kProbation, kPrison, kTreatment, kHousing, kCouncil, kHealth, kYouthOffending, kJobcentre, kVoluntary,
};
inline constexpr Term<AgencyKind> kAgencyKindTerms[] = {
    {AgencyKind::kPolice, "police", "Police"},
    {AgencyKind::kProbation, "probation", "Probation"},
    {AgencyKind::kPrison, "prison", "Prison"},
    {AgencyKind::kTreatment, "treatment", "Drug and alcohol treatment"},
    {AgencyKind::kHousing, "housing", "Housing"},
    {AgencyKind::kCouncil, "council", "Council"},
    {AgencyKind::kHealth, "health", "Health"},
    {AgencyKind::kYouthOffending, "youth_offending", "Youth offending"},
    {AgencyKind::kJobcentre, "jobcentre", "Jobcentre"},
    {AgencyKind::kVoluntary, "voluntary", "Voluntary sector"},
};
constexpr const auto& TermsOf(AgencyKind) { return kAgencyKindTerms; }
static_assert(InEnumOrder(kAgencyKindTerms));
inline constexpr auto kAllAgencyKinds = All<AgencyKind>();
inline std::string_view AgencyKindCode(AgencyKind kind) { return CodeOf(kind); }
inline std::optional<AgencyKind> AgencyKindFromCode(std::string_view code) { return Parse<AgencyKind>(code); }

struct Agency {
  AgencyId id = 0;
  std::string name;
  AgencyKind kind = AgencyKind::kPolice;
};

}  // namespace openiom
