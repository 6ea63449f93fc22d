#include "services/access/access_policy.h"

#include <algorithm>
#include <span>

#include <fmt/format.h>

#include "common/strings.h"

namespace openiom {
namespace {

constexpr std::string_view kOffenceAgencies = "an agency that holds offence records (police, probation, prison, youth offending)";

constexpr AgencyKind kOffenceRecordAgencies[] = {AgencyKind::kPolice, AgencyKind::kProbation, AgencyKind::kPrison,
                                                 AgencyKind::kYouthOffending};

// Who may take an action at all, before need-to-know. A table per area, so that a new area adds its own.
enum class AgencyRule {
  kAny,
  // Identities and the list of everyone scored belong to the agencies that hold offence records; managers
  // coordinate the whole cohort.
  kOffenceRecordsOrManager,
  // Only the agencies whose systems are the source of offence records import them.
  kOffenceRecords,
  // The police tasking list is enforcement work for the IOM police team; managers coordinate it.
  kPoliceOrManager,
};
// Whether the action is on one person's record, and so limited by need-to-know: kRead opens to a break-glass
// reason (reading, and referring, which the panel then scrutinises); kChange never does (an agency that does not
// work with the person neither changes their record nor adds to their history).
enum class NeedToKnow { kNo, kRead, kChange };
struct ActionRule {
  Action action;
  std::span<const Role> roles;  // any one of them, named in this order when refused
  AgencyRule agency = AgencyRule::kAny;
  NeedToKnow need_to_know = NeedToKnow::kNo;
};

constexpr Role kCaseWorkers[] = {Role::kPractitioner, Role::kManager};
constexpr Role kManagers[] = {Role::kManager};
constexpr Role kAnalystsOrManagers[] = {Role::kAnalyst, Role::kManager};
constexpr Role kManagersOrAnalysts[] = {Role::kManager, Role::kAnalyst};
constexpr Role kAuditors[] = {Role::kAuditor};
constexpr Role kAdmins[] = {Role::kAdmin};

constexpr ActionRule kPeopleRules[] = {
    {Action::kSearchPeople, kCaseWorkers},
    {Action::kViewPerson, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kRead},
    {Action::kCreatePerson, kCaseWorkers, AgencyRule::kOffenceRecordsOrManager},
    {Action::kUpdatePerson, kCaseWorkers, AgencyRule::kOffenceRecordsOrManager, NeedToKnow::kChange},
    {Action::kRecordEvent, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kBreakGlass, kCaseWorkers},
};
constexpr ActionRule kImportRules[] = {
    {Action::kImportEvents, kCaseWorkers, AgencyRule::kOffenceRecords},
    {Action::kImportAreaCrime, kAnalystsOrManagers},
};
constexpr ActionRule kSelectionRules[] = {
    {Action::kRunScoring, kAnalystsOrManagers},
    {Action::kViewCandidates, kCaseWorkers, AgencyRule::kOffenceRecordsOrManager, NeedToKnow::kRead},
    {Action::kReferPerson, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kRead},
    {Action::kDecidePanel, kManagers},
    {Action::kViewCohort, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kRead},
    {Action::kViewFairness, kManagersOrAnalysts},
};
constexpr ActionRule kReportingRules[] = {
    {Action::kViewReports, kAnalystsOrManagers},
    {Action::kExportPseudonymised, kAnalystsOrManagers},
};
constexpr ActionRule kAuditRules[] = {
    {Action::kViewAudit, kAuditors},
    {Action::kExportAudit, kAuditors},
};
constexpr ActionRule kAccountRules[] = {
    {Action::kManageUsers, kAdmins},
    {Action::kManageAgencies, kAdmins},
    {Action::kManageReferenceData, kAdmins},
};
constexpr ActionRule kCasesRules[] = {
    {Action::kRecordContact, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kRecordAssessment, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kRequestOverride, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kSignOffOverride, kManagers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kViewCaseload, kCaseWorkers},
    {Action::kViewTasking, kCaseWorkers, AgencyRule::kPoliceOrManager},
    {Action::kViewNotes, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kRead},
    {Action::kAddNote, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kManagePlan, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    // Who is wanted, and for which warrant or recall, is offence information: for the agencies that hold it.
    {Action::kViewWanted, kCaseWorkers, AgencyRule::kOffenceRecordsOrManager},
    {Action::kRecordSchemes, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    // The pyramid is the partnership's allocation of effort: moves, and answers to suggestions, are managers'.
    {Action::kSetLevel, kManagers, AgencyRule::kAny, NeedToKnow::kChange},
    // Enforcement answers an order or licence, held by the agencies that hold offence records; a proven breach or a
    // recall becomes an event they record.
    {Action::kRecordEnforcement, kCaseWorkers, AgencyRule::kOffenceRecords, NeedToKnow::kChange},
    // A team member's agency is involved with the person, so joining a team opens their record: decided by the
    // agencies that lead IOM cases and managers, never by an agency adding itself (see access_policy.h).
    {Action::kManageTeam, kCaseWorkers, AgencyRule::kOffenceRecordsOrManager, NeedToKnow::kChange},
    {Action::kRecordReferral, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    // A Team Around the Household is every agency working with the family, so any of them records the links.
    {Action::kManageRelationships, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
};
// Custody and Through-the-Gate (see access_policy.h): the episode records custody events, so it is recorded where
// those are; the checklist is worked by whoever works with the person.
constexpr ActionRule kCustodyRules[] = {
    {Action::kViewCustody, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kRead},
    {Action::kRecordCustody, kCaseWorkers, AgencyRule::kOffenceRecords, NeedToKnow::kChange},
    {Action::kUpdateChecklist, kCaseWorkers, AgencyRule::kAny, NeedToKnow::kChange},
    {Action::kViewReleases, kCaseWorkers, AgencyRule::kOffenceRecordsOrManager},
};
constexpr std::span<const ActionRule> kAreaRules[] = {kPeopleRules,    kImportRules, kSelectionRules,
                                                      kReportingRules, kAuditRules,  kAccountRules,
                                                      kCasesRules,     kCustodyRules};

// Every action has exactly one rule, whichever area's table holds it.
constexpr bool OneRulePerAction() {
  for (const Action action : kAllActions) {
    int rules = 0;
    for (const std::span<const ActionRule> area : kAreaRules) {
      for (const ActionRule& rule : area) rules += rule.action == action ? 1 : 0;
    }
    if (rules != 1) return false;
  }
  return true;
}
static_assert(OneRulePerAction());

const ActionRule* RuleFor(Action action) {
  for (const std::span<const ActionRule> area : kAreaRules) {
    for (const ActionRule& rule : area) {
      if (rule.action == action) return &rule;
    }
  }
  return nullptr;
}

// Which agencies may record each kind of event: offending, custody, warrants, recalls and breaches come from the
// agencies whose systems hold offence records; drug tests also from treatment and health services; ASB incidents
// also from councils and housing (who deal with anti-social behaviour).
struct EventKindRule {
  EventKind kind;
  std::span<const AgencyKind> agencies;
  std::string_view who;  // the agencies, as a refusal names them
};
constexpr AgencyKind kDrugTestAgencies[] = {AgencyKind::kPolice,         AgencyKind::kProbation, AgencyKind::kPrison,
                                            AgencyKind::kYouthOffending, AgencyKind::kTreatment, AgencyKind::kHealth};
constexpr AgencyKind kAsbAgencies[] = {AgencyKind::kPolice, AgencyKind::kCouncil, AgencyKind::kHousing,
                                       AgencyKind::kYouthOffending};
constexpr std::string_view kOffenceRecordAgenciesWho =
    "agencies that hold offence records (police, probation, prison, youth offending)";
constexpr EventKindRule kEventKindRules[] = {
    {EventKind::kArrest, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kCharge, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kConviction, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kCaution, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kCustodyStart, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kRelease, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kWarrant, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kRecall, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kBreach, kOffenceRecordAgencies, kOffenceRecordAgenciesWho},
    {EventKind::kDrugTest, kDrugTestAgencies,
     "police, probation, prison, youth offending, treatment and health agencies"},
    {EventKind::kAsbIncident, kAsbAgencies, "police, council, housing and youth offending agencies"},
};

constexpr bool OneRulePerEventKind() {
  for (const EventKind kind : kAllEventKinds) {
    int rules = 0;
    for (const EventKindRule& rule : kEventKindRules) rules += rule.kind == kind ? 1 : 0;
    if (rules != 1) return false;
  }
  return std::size(kEventKindRules) == std::size(kAllEventKinds);
}
static_assert(OneRulePerEventKind());

// Who reads each level of sensitivity (issue 10): health notes, about treatment and medical matters, stay with the
// health and treatment agencies that hold such records under medical confidentiality; victim and intelligence notes
// with police and probation, who hold victims' details and intelligence under their own handling rules.
struct SensitivityReaders {
  std::span<const AgencyKind> agencies;  // empty: everyone the rest of the policy allows
  std::string_view who;                  // the agencies, as a refusal names them
};
constexpr AgencyKind kHealthReaders[] = {AgencyKind::kHealth, AgencyKind::kTreatment};
constexpr AgencyKind kPoliceAndProbation[] = {AgencyKind::kPolice, AgencyKind::kProbation};

SensitivityReaders ReadersOf(Sensitivity sensitivity) {
  switch (sensitivity) {
    case Sensitivity::kNormal: return {};
    case Sensitivity::kHealth: return {kHealthReaders, "health and treatment agencies"};
    case Sensitivity::kVictim:
    case Sensitivity::kIntelligence: return {kPoliceAndProbation, "police and probation"};
  }
  return {};
}

bool Contains(std::span<const AgencyKind> agencies, AgencyKind kind) {
  return std::find(agencies.begin(), agencies.end(), kind) != agencies.end();
}

// "the practitioner or manager role", from the rule's roles in order.
std::string RolesNeeded(std::span<const Role> roles) {
  std::string needs = "the ";
  for (size_t role_idx = 0; role_idx < roles.size(); ++role_idx) {
    if (role_idx > 0) needs += " or ";
    needs += RoleCode(roles[role_idx]);
  }
  return needs + " role";
}

// The action in general: its area's rule for roles and agencies.
Decision DecideInGeneral(const Actor& actor, Action action) {
  if (actor.local_operator) return {true, ""};
  auto deny = [&](std::string_view needs) {
    return Decision{false, fmt::format("{} needs {}", ActionLabel(action), needs)};
  };
  const ActionRule* rule = RuleFor(action);
  if (rule == nullptr) return deny("a rule that does not exist");
  if (std::none_of(rule->roles.begin(), rule->roles.end(), [&](Role role) { return actor.HasRole(role); })) {
    return deny(RolesNeeded(rule->roles));
  }
  switch (rule->agency) {
    case AgencyRule::kAny:
      break;
    case AgencyRule::kOffenceRecordsOrManager:
      if (!actor.HasRole(Role::kManager) && !HoldsOffenceRecords(actor.agency_kind)) {
        return deny(std::string(kOffenceAgencies) + " or the manager role");
      }
      break;
    case AgencyRule::kOffenceRecords:
      if (!HoldsOffenceRecords(actor.agency_kind)) return deny(kOffenceAgencies);
      break;
    case AgencyRule::kPoliceOrManager:
      if (!actor.HasRole(Role::kManager) && actor.agency_kind != AgencyKind::kPolice) {
        return deny("a police agency or the manager role");
      }
      break;
  }
  return {true, ""};
}

}  // namespace

bool HoldsOffenceRecords(AgencyKind kind) { return Contains(kOffenceRecordAgencies, kind); }

std::string_view AuditActionLabel(std::string_view code) {
  if (const std::optional<Action> action = Parse<Action>(code)) return LabelOf(*action);
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

bool SeesEveryone(const Actor& actor) {
  return actor.local_operator || HoldsOffenceRecords(actor.agency_kind) || actor.HasRole(Role::kManager);
}

Decision Decide(const Actor& actor, Action action) { return Decide(AccessRequest{.actor = actor, .action = action}); }

Decision Decide(const AccessRequest& request) {
  const Actor& actor = request.actor;
  const Action action = request.action;
  Decision decision = DecideInGeneral(actor, action);
  if (!decision.allowed) return decision;
  if (request.event_kind && !actor.local_operator) {
    const auto rule = std::find_if(std::begin(kEventKindRules), std::end(kEventKindRules),
                                   [&](const EventKindRule& r) { return r.kind == *request.event_kind; });
    if (!Contains(rule->agencies, actor.agency_kind)) {
      return Decision{false, fmt::format("Only {} may record this kind of event ({})", rule->who,
                                         EventKindLabel(*request.event_kind))};
    }
  }
  // A sensitive note's readers are decided by agency kind before need-to-know: breaking the glass would not open it,
  // so a refusal here offers no break-glass. The author reads what they wrote, even after their agency changed.
  if (const SensitivityReaders readers = ReadersOf(request.sensitivity);
      !readers.agencies.empty() && !actor.local_operator && !request.author &&
      !Contains(readers.agencies, actor.agency_kind)) {
    const std::string level = AsciiLower(LabelOf(request.sensitivity));
    return Decision{false, action == Action::kAddNote
                               ? fmt::format("Only {} may add {} notes", readers.who, level)
                               : fmt::format("Only {} and a note's author may read {} notes", readers.who, level)};
  }
  // No person's consent is recorded yet, so the sharing state limits nothing: a new value must say here what it
  // withholds (the compiler asks, as the switch names every value).
  switch (request.sharing) {
    case SharingState::kConsentNotRecorded: break;
  }
  const NeedToKnow need_to_know = RuleFor(action)->need_to_know;
  if (!request.relationship || need_to_know == NeedToKnow::kNo) return decision;
  const PersonRelationship& relationship = *request.relationship;
  const bool glass_opens = need_to_know == NeedToKnow::kRead;
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
    decision.break_glass_available = glass_opens && DecideInGeneral(actor, Action::kBreakGlass).allowed;
    decision.reason = fmt::format(
        "{} needs your agency to work with this person (lead agency, lead professional or a referral to the panel)"
        "{}",
        ActionLabel(action), decision.break_glass_available ? ", or a break-glass reason" : "");
  }
  return decision;
}

}  // namespace openiom
