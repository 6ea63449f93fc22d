#include "services/access_policy.h"

#include <algorithm>

#include <fmt/format.h>

namespace openiom {
namespace {

bool HoldsOffenceRecords(AgencyKind kind) {
  return kind == AgencyKind::kPolice || kind == AgencyKind::kProbation || kind == AgencyKind::kPrison ||
         kind == AgencyKind::kYouthOffending;
}

}  // namespace

std::string_view ActionCode(Action action) {
  switch (action) {
    case Action::kSearchPeople: return "search_people";
    case Action::kViewPerson: return "view_person";
    case Action::kCreatePerson: return "create_person";
    case Action::kUpdatePerson: return "update_person";
    case Action::kImportEvents: return "import_events";
    case Action::kImportAreaCrime: return "import_area_crime";
    case Action::kViewReports: return "view_reports";
    case Action::kExportPseudonymised: return "export_pseudonymised";
    case Action::kViewAudit: return "view_audit";
    case Action::kExportAudit: return "export_audit";
    case Action::kManageUsers: return "manage_users";
    case Action::kManageAgencies: return "manage_agencies";
    case Action::kManageReferenceData: return "manage_reference_data";
    case Action::kRunScoring: return "run_scoring";
    case Action::kViewCandidates: return "view_candidates";
    case Action::kReferPerson: return "refer_person";
    case Action::kDecidePanel: return "decide_panel";
    case Action::kViewCohort: return "view_cohort";
    case Action::kViewFairness: return "view_fairness";
  }
  return "unknown";
}

Actor Actor::LocalOperator(std::string os_user) {
  Actor actor;
  actor.username = "cli:" + (os_user.empty() ? std::string("unknown") : os_user);
  actor.agency_name = "local operator";
  actor.local_operator = true;
  actor.client_address = "local";
  return actor;
}

Actor Actor::FromUser(const User& user, std::string client_address) {
  return Actor{.user_id = user.id, .username = user.username, .agency_name = user.agency_name,
               .agency_kind = user.agency_kind, .roles = user.roles, .client_address = std::move(client_address)};
}

bool Actor::HasRole(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Decision Decide(const Actor& actor, Action action) {
  if (actor.local_operator) return {true, ""};
  const bool case_worker = actor.HasRole(Role::kPractitioner) || actor.HasRole(Role::kManager);
  auto deny = [&](std::string_view needs) {
    return Decision{false, fmt::format("{} needs {}", ActionCode(action), needs)};
  };
  switch (action) {
    case Action::kSearchPeople:
    case Action::kViewPerson:
    case Action::kCreatePerson:
    case Action::kUpdatePerson:
    case Action::kViewCandidates:
    case Action::kReferPerson:
    case Action::kViewCohort:
      return case_worker ? Decision{true, ""} : deny("the practitioner or manager role");
    case Action::kImportEvents:
      if (!case_worker) return deny("the practitioner or manager role");
      if (!HoldsOffenceRecords(actor.agency_kind)) {
        return deny("an agency that holds offence records (police, probation, prison, youth offending)");
      }
      return {true, ""};
    case Action::kDecidePanel:
    case Action::kViewFairness:
      return actor.HasRole(Role::kManager) ? Decision{true, ""} : deny("the manager role");
    case Action::kImportAreaCrime:
    case Action::kRunScoring:
    case Action::kViewReports:
    case Action::kExportPseudonymised:
      return actor.HasRole(Role::kAnalyst) || actor.HasRole(Role::kManager) ? Decision{true, ""}
                                                                            : deny("the analyst or manager role");
    case Action::kViewAudit:
    case Action::kExportAudit:
      return actor.HasRole(Role::kAuditor) ? Decision{true, ""} : deny("the auditor role");
    case Action::kManageUsers:
    case Action::kManageAgencies:
    case Action::kManageReferenceData:
      return actor.HasRole(Role::kAdmin) ? Decision{true, ""} : deny("the admin role");
  }
  return deny("a rule that does not exist");
}

}  // namespace openiom
