// Who may do what: the one place OpenIOM decides. Deny by default; every use case asks before acting.
//
// For now (issue 3): practitioners and managers see and change people; events are imported by practitioners
// and managers of agencies that hold offence records (police, probation, prison, youth offending); analysts
// see reports and pseudonymised extracts only, never names or identifiers; auditors see the audit trail;
// administrators manage users, agencies and reference data but do not read person records unless they also
// hold a practitioner or manager role. Issue 4: analysts and managers run scoring; practitioners and managers
// see candidates and the cohort and refer people to the panel; only managers decide and see the fairness check. The command line acts as the local operator (see Actor::LocalOperator).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/account.h"

namespace openiom {

enum class Action {
  kSearchPeople,
  kViewPerson,
  kCreatePerson,
  kUpdatePerson,
  kImportEvents,
  kImportAreaCrime,
  kViewReports,
  kExportPseudonymised,
  kViewAudit,
  kExportAudit,
  kManageUsers,
  kManageAgencies,
  kManageReferenceData,
  kRunScoring,       // score everyone and store the results (analysts, managers)
  kViewCandidates,   // the candidates list, scores with names and their explanations (practitioners, managers)
  kReferPerson,      // refer someone to the selection panel (practitioners, managers)
  kDecidePanel,      // select, decline, defer and de-select (managers only)
  kViewCohort,       // the cohort list and a person's selection history (practitioners, managers)
  kViewFairness,     // selection and candidate rates by group (managers only)
};
inline constexpr Action kAllActions[] = {
    Action::kSearchPeople,    Action::kViewPerson,   Action::kCreatePerson,        Action::kUpdatePerson,
    Action::kImportEvents,    Action::kImportAreaCrime, Action::kViewReports,      Action::kExportPseudonymised,
    Action::kViewAudit,       Action::kExportAudit,  Action::kManageUsers,         Action::kManageAgencies,
    Action::kManageReferenceData, Action::kRunScoring, Action::kViewCandidates, Action::kReferPerson,
    Action::kDecidePanel,     Action::kViewCohort, Action::kViewFairness};
// "search_people", "view_person", ...: also the audit trail's action names.
std::string_view ActionCode(Action action);

// Who is acting: a signed-in user, or the local operator of the command line.
struct Actor {
  UserId user_id = 0;  // 0 for the local operator
  std::string username;
  std::string agency_name;
  AgencyKind agency_kind = AgencyKind::kPolice;
  std::vector<Role> roles;
  std::string client_address;
  bool local_operator = false;

  // Someone with shell access to the server and the database's credentials: they could read the database
  // directly, so the policy lets them act, and the audit trail records them as "cli:<os user>".
  static Actor LocalOperator(std::string os_user);
  static Actor FromUser(const User& user, std::string client_address);
  bool HasRole(Role role) const;
};

struct Decision {
  bool allowed = false;
  std::string reason;  // why not, for the 403 page and the audit trail
};

Decision Decide(const Actor& actor, Action action);

}  // namespace openiom
