#include "domain/accounts/agency.h"

namespace openiom {

std::string_view AgencyKindCode(AgencyKind kind) {
  switch (kind) {
    case AgencyKind::kPolice: return "police";
    case AgencyKind::kProbation: return "probation";
    case AgencyKind::kPrison: return "prison";
    case AgencyKind::kTreatment: return "treatment";
    case AgencyKind::kHousing: return "housing";
    case AgencyKind::kCouncil: return "council";
    case AgencyKind::kHealth: return "health";
    case AgencyKind::kYouthOffending: return "youth_offending";
    case AgencyKind::kJobcentre: return "jobcentre";
    case AgencyKind::kVoluntary: return "voluntary";
  }
  return "?";
}

std::optional<AgencyKind> AgencyKindFromCode(std::string_view code) {
  for (AgencyKind kind : kAllAgencyKinds) {
    if (AgencyKindCode(kind) == code) return kind;
  }
  return std::nullopt;
}

}  // namespace openiom
