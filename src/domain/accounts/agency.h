// Agencies that make up the IOM partnership. Every user belongs to one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace openiom {

using AgencyId = int64_t;

enum class AgencyKind {
  kPolice, kProbation, kPrison, kTreatment, kHousing, kCouncil, kHealth, kYouthOffending, kJobcentre, kVoluntary,
};
inline constexpr AgencyKind kAllAgencyKinds[] = {
    AgencyKind::kPolice,  AgencyKind::kProbation, AgencyKind::kPrison,         AgencyKind::kTreatment,
    AgencyKind::kHousing, AgencyKind::kCouncil,   AgencyKind::kHealth,         AgencyKind::kYouthOffending,
    AgencyKind::kJobcentre, AgencyKind::kVoluntary};

// "police", "probation", ..., "youth_offending", "jobcentre", "voluntary".
std::string_view AgencyKindCode(AgencyKind kind);
std::optional<AgencyKind> AgencyKindFromCode(std::string_view code);

struct Agency {
  AgencyId id = 0;
  std::string name;
  AgencyKind kind = AgencyKind::kPolice;
};

}  // namespace openiom
