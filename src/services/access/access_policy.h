// Who may do what: the one place OpenIOM decides. Deny by default; every use case asks before acting.
//
// For now (issue 3): practitioners and managers see and change people; events are imported by practitioners
// and managers of agencies that hold offence records (police, probation, prison, youth offending); analysts
// see reports and pseudonymised extracts only, never names or identifiers; auditors see the audit trail;
// administrators manage users, agencies and reference data but do not read person records unless they also
// hold a practitioner or manager role. Issue 4: analysts and managers run scoring; practitioners and managers
// see candidates and the cohort and refer people to the panel; only managers decide. The command line acts as
// the local operator (see Actor::LocalOperator).
//
// Need-to-know (issue 8). Decide() answers for an action in general, or for one person's record when the request
// carries the actor's relationship with them:
// - agencies that hold offence records (police, probation, prison, youth offending) and managers (the IOM
//   coordinators) read and change any person's record; other agencies read a full record only when they work
//   with the person (their agency leads the case, a user of theirs is the lead professional, or they referred
//   the person to the panel), or by breaking the glass: giving a reason, which is audited and lasts an hour;
// - identity fields (names, date of birth, gender, ethnicity, aliases, address) are changed only by agencies
//   that hold offence records, or by managers;
// - events are recorded only by agencies entitled to each kind: offending, custody,
//   warrants, recalls and breaches by agencies that hold offence records; drug tests also by treatment and
//   health; ASB incidents by police, councils, housing and youth offending (AccessRequest::event_kind).
// Custody (issue 10): a person's custody episodes and checklist are read like the record (need-to-know); episodes
// are recorded and changed only by agencies that hold offence records, as they record the custody_start, release
// and recall events that only those agencies may record (so not by a manager of another agency); the checklist is
// marked by any agency working with the person, since housing, benefits and treatment do the work; the releases due
// across everyone, with names, are for agencies that hold offence records and managers, who see every record.
// Searching needs a criterion (see PeopleService::Search) and shows summaries only.
//
// Sensitivity (issue 10): what a request marks as sensitive (a case note) is withheld, whatever the action, from
// agencies outside its readers: health notes (treatment and medical) are for health and treatment agencies, victim and
// intelligence notes for police and probation. The rule is by agency kind alone, for managers too: a manager of a
// housing agency coordinates the cohort but reads no health note. The note's author always reads their own note
// (AccessRequest::author); adding a note of a level needs the agency to be among its readers. The local operator is
// not limited. Need-to-know still applies on top: sensitivity only ever takes away.
// Analysts see the fairness figures (aggregates) and run the scoring; they never see names.
// Case management (issue 10): practitioners and managers of any agency that works with the person record contacts,
// assessments and requests for a manual BRAG rating (need-to-know, never by breaking the glass); only managers sign
// a request off. The caseload list is every case worker's (their own people; managers the whole cohort, see
// CaseService::Caseload); the police tasking list (everyone Red) is for police practitioners and managers. The plan
// is changed (actions added, done or cancelled, its review date set) like the rest of the case: by practitioners and
// managers of any agency that works with the person, never by breaking the glass.
// Team and referrals to services (issue 10): a current team member and their agency work with the person (their
// involvement opens the record). So who joins or leaves a team (kManageTeam) is decided by the agencies that hold
// offence records, which lead IOM cases and see every record anyway, and by managers: an agency that is on a team does
// not widen it, and an agency outside it cannot add itself. Referrals to services (kRecordReferral) are recorded like
// the plan: by practitioners and managers of any agency working with the person, never by breaking the glass. Both are
// read with the record (kViewPerson).
// Relationships and households (kManageRelationships) are recorded like the plan too; a link changes both people's
// records, so HouseholdService asks for each of them. Reading them is a view of the record (kViewPerson); each
// connected person shown beside it is decided on their own record, so a connected person the actor may not view is
// shown without name or rating.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/object.h"
#include "domain/accounts/account.h"
#include "domain/people/event.h"

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
  kViewFairness,     // selection and candidate rates by group, no names (managers, analysts)
  kRecordEvent,      // record one event in a person's history (AccessRequest::event_kind: who records which kind)
  kBreakGlass,       // open the record of a person one's agency does not work with, giving a reason
  kRecordContact,     // book an appointment or contact with a person, and record what came of it
  kRecordAssessment,  // record a pathway assessment
  kRequestOverride,   // ask for a manual BRAG rating (a manager's request is signed off at once), or withdraw one
  kSignOffOverride,   // sign off someone else's request for a manual BRAG rating (managers)
  kViewCaseload,      // my caseload (practitioners, managers), and the whole cohort's (managers)
  kViewTasking,       // the police tasking list: everyone rated Red (police, managers)
  kViewNotes,        // read a person's case notes (each note's text by its sensitivity: AccessRequest::sensitivity)
  kAddNote,          // add a case note to a person's record (of a sensitivity the agency reads)
  kViewCustody,      // a person's custody episodes and resettlement checklist (need-to-know)
  kRecordCustody,    // record or change a custody episode (agencies that hold offence records)
  kUpdateChecklist,  // mark a resettlement checklist item done or not applicable (agencies working with the person)
  kViewReleases,     // the releases due across the cohort, for the prison liaison
  kManagePlan,        // add actions to a person's plan, mark them done or cancelled, set its review date
  kViewWanted,        // the cohort's wanted list: open warrants and recalls (agencies that hold offence records, managers)
  kRecordSchemes,     // put a person on a scheme or take them off, record their statutory status
  kSetLevel,          // move a person's service level, accept or dismiss a suggestion to (managers)
  kRecordEnforcement,  // warnings, breach action and recall requests, and what came of them
  kManageTeam,        // add a named worker to a person's team, or record that one left (opens the record to their agency)
  kRecordReferral,    // refer a person to a service (housing, treatment...) and record where the referral has got to
  kManageRelationships,  // link people (parent, sibling, partner...), and add people to households or end a stay
};
// The code is also the audit trail's action name ("search_people", "view_person", ...); the label says what the
// action is, for people ("View a person's record", "Decide at panel", ...).
inline constexpr Term<Action> kActionTerms[] = {
    {Action::kSearchPeople, "search_people", "Search for people"},
    {Action::kViewPerson, "view_person", "View a person's record"},
    {Action::kCreatePerson, "create_person", "Add a person"},
    {Action::kUpdatePerson, "update_person", "Change a person's details"},
    {Action::kImportEvents, "import_events", "Import events"},
    {Action::kImportAreaCrime, "import_area_crime", "Import area crime"},
    {Action::kViewReports, "view_reports", "View reports"},
    {Action::kExportPseudonymised, "export_pseudonymised", "Export pseudonymised data"},
    {Action::kViewAudit, "view_audit", "View the audit trail"},
    {Action::kExportAudit, "export_audit", "Download the audit trail"},
    {Action::kManageUsers, "manage_users", "Manage users"},
    {Action::kManageAgencies, "manage_agencies", "Manage agencies"},
    {Action::kManageReferenceData, "manage_reference_data", "Manage reference data"},
    {Action::kRunScoring, "run_scoring", "Run the scoring"},
    {Action::kViewCandidates, "view_candidates", "View candidates"},
    {Action::kReferPerson, "refer_person", "Refer to the panel"},
    {Action::kDecidePanel, "decide_panel", "Decide at panel"},
    {Action::kViewCohort, "view_cohort", "View the cohort"},
    {Action::kViewFairness, "view_fairness", "View the fairness check"},
    {Action::kRecordEvent, "record_event", "Record an event"},
    {Action::kBreakGlass, "break_glass", "Break the glass"},
    {Action::kRecordContact, "record_contact", "Record a contact"},
    {Action::kRecordAssessment, "record_assessment", "Record a pathway assessment"},
    {Action::kRequestOverride, "request_override", "Override the BRAG rating"},
    {Action::kSignOffOverride, "sign_off_override", "Sign off a BRAG override"},
    {Action::kViewCaseload, "view_caseload", "View a caseload"},
    {Action::kViewTasking, "view_tasking", "View the police tasking list"},
    {Action::kViewNotes, "view_notes", "View a person's case notes"},
    {Action::kAddNote, "add_note", "Add a case note"},
    {Action::kViewCustody, "view_custody", "View custody and resettlement"},
    {Action::kRecordCustody, "record_custody", "Record a custody episode"},
    {Action::kUpdateChecklist, "update_checklist", "Update the resettlement checklist"},
    {Action::kViewReleases, "view_releases", "View releases due"},
    {Action::kManagePlan, "manage_plan", "Manage a person's plan"},
    {Action::kViewWanted, "view_wanted", "View the wanted list"},
    {Action::kRecordSchemes, "record_schemes", "Record a person's schemes and statutory status"},
    {Action::kSetLevel, "set_level", "Set a person's service level"},
    {Action::kRecordEnforcement, "record_enforcement", "Record warnings, breach action and recall requests"},
    {Action::kManageTeam, "manage_team", "Manage a person's team"},
    {Action::kRecordReferral, "record_referral", "Record a referral to a service"},
    {Action::kManageRelationships, "manage_relationships", "Manage relationships and households"},
};
constexpr const auto& TermsOf(Action) { return kActionTerms; }
static_assert(InEnumOrder(kActionTerms));
inline constexpr auto kAllActions = All<Action>();
inline std::string_view ActionCode(Action action) { return CodeOf(action); }
inline std::string_view ActionLabel(Action action) { return LabelOf(action); }
// The label of an audit entry's action code: an Action's label, or the account actions' ("Sign in", "Approve a
// role", ...); an unknown code is shown as it is.
std::string_view AuditActionLabel(std::string_view code);

// Who is acting: a signed-in user, or the local operator of the command line.
struct Actor {
  UserId user_id = 0;  // 0 for the local operator
  std::string username;
  AgencyId agency_id = 0;  // 0 for the local operator
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
  // For one person's record only (AccessRequest::relationship set): on a denial, whether the actor may break the
  // glass (kBreakGlass) to read the record; on an allowed read, on what basis ("your agency holds offence records",
  // "break-glass: <reason>").
  bool break_glass_available = false;
  std::string basis;
};

// Agencies whose own systems hold people's offence records (police, probation, prison, youth offending).
bool HoldsOffenceRecords(AgencyKind kind);

// What the policy knows of the actor's relationship with one person.
struct PersonRelationship {
  std::string involvement;                        // how the actor or their agency works with the person, or empty
  std::optional<std::string> break_glass_reason;  // the reason of an unexpired break-glass grant, if any
};

// True when need-to-know never limits the actor: the local operator, agencies that hold offence records, and
// managers (who coordinate the whole cohort). Callers may then skip looking up the relationship.
bool SeesEveryone(const Actor& actor);

// Everything the policy decides on: who asks to do what, to what kind of object, how sensitive it is, the person's
// sharing state and the actor's relationship with the person.
struct AccessRequest {
  const Actor& actor;
  Action action = Action::kSearchPeople;
  ObjectKind object = ObjectKind::kPerson;
  Sensitivity sensitivity = Sensitivity::kNormal;
  SharingState sharing = SharingState::kConsentNotRecorded;
  // Set for an action on one person's record: need-to-know then applies (see Decide). Unset: the action in general
  // (whether to offer a link, or a list), which need-to-know does not limit.
  std::optional<PersonRelationship> relationship;
  // kRecordEvent with the kind of event known: only the agencies entitled to that kind may record it.
  std::optional<EventKind> event_kind;
  // The actor wrote what is asked about (a case note they are reading): its sensitivity then withholds nothing from
  // them. Never set when adding a note, whose sensitivity the actor's agency must read.
  bool author = false;
};

// The one decision. In turn: the roles and agencies that may take the action at all (a table per area); with
// `event_kind`, the agencies entitled to record that kind of event; the sensitivity's readers (above), unless the
// actor is the `author`, refused without an offer to break the glass, which opens no sensitive note; with
// `relationship`, need-to-know for the actions on one person's record (kViewPerson and the tabs that show the
// record, kUpdatePerson, kRecordEvent, kViewCandidates, kViewCohort, kReferPerson, kViewNotes, kAddNote): a
// break-glass reason opens reads and referrals to the panel, never kUpdatePerson, kRecordEvent, kAddNote nor the case
// changes (kManagePlan, kManageTeam, kManageRelationships, kRecordReferral: a referral to a service...). The kind of
// object and the sharing state limit nothing yet (consent is not recorded). A denial always has a reason, in words for the
// practitioner refused; the local operator is always allowed.
Decision Decide(const AccessRequest& request);
// The action in general: Decide({.actor = actor, .action = action}).
Decision Decide(const Actor& actor, Action action);

}  // namespace openiom
