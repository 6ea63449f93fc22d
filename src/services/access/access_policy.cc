#include "services/access/access_policy.h"

#include <algorithm>

#include <fmt/format.h>

namespace openiom {
bool HoldsOffenceRecords(AgencyKind kind) {
  return kind == AgencyKind::kPolice || kind == AgencyKind::kProbation || kind == AgencyKind::kPrison ||
         kind == AgencyKind::kYouthOffending;
}

namespace {

constexpr std::string_view kOffenceAgencies = "an agency that holds offence records (police, probation, prison, youth offending)";

// Which agencies may record each kind of event: offending, custody, warrants, recalls and breaches come from the
// agencies whose systems hold offence records; drug tests also from treatment and health services; ASB incidents
// also from councils and housing (who deal with anti-social behaviour).
bool MayRecord(EventKind kind, AgencyKind agency) {
  switch (kind) {
    case EventKind::kDrugTest:
      return HoldsOffenceRecords(agency) || agency == AgencyKind::kTreatment || agency == AgencyKind::kHealth;
    case EventKind::kAsbIncident:
      return agency == AgencyKind::kPolice || agency == AgencyKind::kCouncil || agency == AgencyKind::kHousing ||
             agency == AgencyKind::kYouthOffending;
    case EventKind::kArrest:
    case EventKind::kCharge:
    case EventKind::kConviction:
    case EventKind::kCaution:
    case EventKind::kCustodyStart:
    case EventKind::kRelease:
    case EventKind::kWarrant:
    case EventKind::kRecall:
    case EventKind::kBreach:
      return HoldsOffenceRecords(agency);
  }
  return false;
}

std::string_view MayRecordWho(EventKind kind) {
  switch (kind) {
    case EventKind::kDrugTest: return "police, probation, prison, youth offending, treatment and health agencies";
    case EventKind::kAsbIncident: return "police, council, housing and youth offending agencies";
    default: return "agencies that hold offence records (police, probation, prison, youth offending)";
  }
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
    case Action::kRecordEvent: return "record_event";
    case Action::kBreakGlass: return "break_glass";
  }
  return "unknown";
}

std::string_view ActionLabel(Action action) {
  switch (action) {
    case Action::kSearchPeople: return "Search for people";
    case Action::kViewPerson: return "View a person's record";
    case Action::kCreatePerson: return "Add a person";
    case Action::kUpdatePerson: return "Change a person's details";
    case Action::kImportEvents: return "Import events";
    case Action::kImportAreaCrime: return "Import area crime";
    case Action::kViewReports: return "View reports";
    case Action::kExportPseudonymised: return "Export pseudonymised data";
    case Action::kViewAudit: return "View the audit trail";
    case Action::kExportAudit: return "Download the audit trail";
    case Action::kManageUsers: return "Manage users";
    case Action::kManageAgencies: return "Manage agencies";
    case Action::kManageReferenceData: return "Manage reference data";
    case Action::kRunScoring: return "Run the scoring";
    case Action::kViewCandidates: return "View candidates";
    case Action::kReferPerson: return "Refer to the panel";
    case Action::kDecidePanel: return "Decide at panel";
    case Action::kViewCohort: return "View the cohort";
    case Action::kViewFairness: return "View the fairness check";
    case Action::kRecordEvent: return "Record an event";
    case Action::kBreakGlass: return "Break the glass";
  }
  return "Unknown action";
}

std::string_view AuditActionLabel(std::string_view code) {
  for (const Action action : kAllActions) {
    if (ActionCode(action) == code) return ActionLabel(action);
  }
  static constexpr std::pair<std::string_view, std::string_view> kAccountActions[] = {
      {"sign_in", "Sign in"},
      {"sign_out", "Sign out"},
      {"change_password", "Change password"},
      {"approve_role", "Approve a role"},
      {"refuse_role", "Refuse a role"},
  };
  for (const auto& [account_code, label] : kAccountActions) {
    if (account_code == code) return label;
  }
  return code;
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
  return Actor{.user_id = user.id, .username = user.username, .agency_id = user.agency_id,
               .agency_name = user.agency_name,
               .agency_kind = user.agency_kind, .roles = user.roles, .client_address = std::move(client_address)};
}

bool Actor::HasRole(Role role) const { return std::find(roles.begin(), roles.end(), role) != roles.end(); }

Decision Decide(const Actor& actor, Action action) {
  if (actor.local_operator) return {true, ""};
  const bool case_worker = actor.HasRole(Role::kPractitioner) || actor.HasRole(Role::kManager);
  auto deny = [&](std::string_view needs) {
    return Decision{false, fmt::format("{} needs {}", ActionLabel(action), needs)};
  };
  const bool manager = actor.HasRole(Role::kManager);
  switch (action) {
    case Action::kSearchPeople:
    case Action::kViewPerson:
    case Action::kReferPerson:
    case Action::kViewCohort:
    case Action::kRecordEvent:
    case Action::kBreakGlass:
      return case_worker ? Decision{true, ""} : deny("the practitioner or manager role");
    case Action::kCreatePerson:
    case Action::kUpdatePerson:
    case Action::kViewCandidates:
      // Identities and the list of everyone scored belong to the agencies that hold offence records; managers
      // coordinate the whole cohort.
      if (!case_worker) return deny("the practitioner or manager role");
      if (!manager && !HoldsOffenceRecords(actor.agency_kind)) return deny(std::string(kOffenceAgencies) + " or the manager role");
      return {true, ""};
    case Action::kImportEvents:
      if (!case_worker) return deny("the practitioner or manager role");
      if (!HoldsOffenceRecords(actor.agency_kind)) return deny(kOffenceAgencies);
      return {true, ""};
    case Action::kDecidePanel:
      return manager ? Decision{true, ""} : deny("the manager role");
    case Action::kViewFairness:
      return manager || actor.HasRole(Role::kAnalyst) ? Decision{true, ""} : deny("the manager or analyst role");
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

bool SeesEveryone(const Actor& actor) {
  return actor.local_operator || HoldsOffenceRecords(actor.agency_kind) || actor.HasRole(Role::kManager);
}

Decision DecidePerson(const Actor& actor, Action action, const PersonRelationship& relationship) {
  Decision decision = Decide(actor, action);
  const bool needs_to_know = action == Action::kViewPerson || action == Action::kUpdatePerson ||
                             action == Action::kRecordEvent || action == Action::kViewCandidates ||
                             action == Action::kViewCohort || action == Action::kReferPerson;
  // Breaking the glass opens a record to read (and to refer, which the panel then scrutinises); it never lets
  // an agency that does not work with the person change their record or add to their history.
  const bool glass_opens = action != Action::kUpdatePerson && action != Action::kRecordEvent;
  if (!decision.allowed || !needs_to_know) return decision;
  if (actor.local_operator) {
    decision.basis = "local operator";
  } else if (HoldsOffenceRecords(actor.agency_kind)) {
    decision.basis = "your agency holds offence records";
  } else if (actor.HasRole(Role::kManager)) {
    decision.basis = "IOM manager";
  } else if (!relationship.involvement.empty()) {
    decision.basis = relationship.involvement;
  } else if (relationship.break_glass_reason && glass_opens) {
    decision.basis = "break-glass: " + *relationship.break_glass_reason;
  } else {
    decision.allowed = false;
    decision.break_glass_available = glass_opens && Decide(actor, Action::kBreakGlass).allowed;
    decision.reason = fmt::format(
        "{} needs your agency to work with this person (lead agency, lead professional or a referral to the panel)"
        "{}",
        ActionLabel(action), decision.break_glass_available ? ", or a break-glass reason" : "");
  }
  return decision;
}

Decision DecideRecordEvent(const Actor& actor, EventKind kind) {
  Decision decision = Decide(actor, Action::kRecordEvent);
  if (!decision.allowed || actor.local_operator || MayRecord(kind, actor.agency_kind)) return decision;
  return Decision{false, fmt::format("Only {} may record this kind of event ({})", MayRecordWho(kind), EventKindLabel(kind))};
}

}  // namespace openiom
