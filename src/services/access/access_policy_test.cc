#include "services/access/access_policy.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace openiom {
namespace {

// Written out again here, independently of access_policy.cc, so that a change to the rules fails this test.
bool OffenceAgency(AgencyKind kind) {
  return kind == AgencyKind::kPolice || kind == AgencyKind::kProbation || kind == AgencyKind::kPrison ||
         kind == AgencyKind::kYouthOffending;
}

// Which actions each role may take in general, for any agency (written out again here, as above).
const std::map<Role, std::set<Action>>& AllowedAnywhere() {
  static const std::map<Role, std::set<Action>> kAllowed = {
      {Role::kPractitioner,
       {Action::kSearchPeople, Action::kViewPerson, Action::kReferPerson, Action::kViewCohort, Action::kRecordEvent,
        Action::kBreakGlass, Action::kRecordContact, Action::kRecordAssessment, Action::kRequestOverride,
        Action::kViewCaseload, Action::kViewNotes, Action::kAddNote, Action::kViewCustody,
        Action::kUpdateChecklist, Action::kManagePlan, Action::kRecordSchemes, Action::kRecordReferral,
        Action::kManageRelationships}},
      {Role::kManager,
       {Action::kSearchPeople, Action::kViewPerson, Action::kCreatePerson, Action::kUpdatePerson,
        Action::kViewReports, Action::kExportPseudonymised, Action::kImportAreaCrime, Action::kRunScoring,
        Action::kViewCandidates, Action::kReferPerson, Action::kViewCohort, Action::kDecidePanel,
        Action::kViewFairness, Action::kRecordEvent, Action::kBreakGlass, Action::kRecordContact,
        Action::kRecordAssessment, Action::kRequestOverride, Action::kSignOffOverride, Action::kViewCaseload,
        Action::kViewTasking, Action::kViewNotes, Action::kAddNote, Action::kViewCustody,
        Action::kUpdateChecklist, Action::kViewReleases, Action::kManagePlan, Action::kViewWanted,
        Action::kRecordSchemes, Action::kSetLevel, Action::kManageTeam, Action::kRecordReferral,
        Action::kManageRelationships}},
      {Role::kAnalyst,
       {Action::kViewReports, Action::kExportPseudonymised, Action::kImportAreaCrime, Action::kRunScoring,
        Action::kViewFairness}},
      {Role::kAuditor, {Action::kViewAudit, Action::kExportAudit}},
      {Role::kAdmin, {Action::kManageUsers, Action::kManageAgencies, Action::kManageReferenceData}},
  };
  return kAllowed;
}

// The whole matrix, role x agency x action, against the rules as written in access_policy.h.
TEST(AccessPolicy, RoleAgencyActionMatrix) {
  const std::map<Role, std::set<Action>>& allowed_anywhere = AllowedAnywhere();
  // Practitioners of agencies that hold offence records may also do these (identities, everyone's scores).
  const std::set<Action> offence_agency_practitioner = {Action::kCreatePerson, Action::kUpdatePerson,
                                                        Action::kViewCandidates, Action::kViewReleases,
                                                        Action::kViewWanted, Action::kManageTeam};
  int checked = 0;
  for (Role role : kAllRoles) {
    for (AgencyKind agency : kAllAgencyKinds) {
      const Actor actor{.user_id = 7, .username = "u", .agency_kind = agency, .roles = {role}};
      for (Action action : kAllActions) {
        bool expected = allowed_anywhere.at(role).contains(action);
        if (role == Role::kPractitioner && OffenceAgency(agency) && offence_agency_practitioner.contains(action)) {
          expected = true;
        }
        // Importing events and recording custody episodes (which record custody events): offence agencies only.
        if (action == Action::kImportEvents || action == Action::kRecordCustody ||
            action == Action::kRecordEnforcement) {
          expected = (role == Role::kPractitioner || role == Role::kManager) && OffenceAgency(agency);
        }
        if (action == Action::kViewTasking && role == Role::kPractitioner) expected = agency == AgencyKind::kPolice;
        const Decision decision = Decide(actor, action);
        EXPECT_EQ(decision.allowed, expected) << RoleCode(role) << " in " << AgencyKindCode(agency) << " -> "
                                              << ActionCode(action);
        EXPECT_EQ(decision.reason.empty(), decision.allowed) << "a denial always says why";
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 10 * 41);
}

// Who may record which kind of event: role x agency x event kind (defect: a voluntary agency recorded warrants).
TEST(AccessPolicy, RecordingEventsRoleAgencyKindMatrix) {
  int checked = 0;
  for (Role role : kAllRoles) {
    for (AgencyKind agency : kAllAgencyKinds) {
      const Actor actor{.user_id = 7, .username = "u", .agency_kind = agency, .roles = {role}};
      for (EventKind kind : kAllEventKinds) {
        bool agency_may = OffenceAgency(agency);
        if (kind == EventKind::kDrugTest) {
          agency_may = agency_may || agency == AgencyKind::kTreatment || agency == AgencyKind::kHealth;
        }
        if (kind == EventKind::kAsbIncident) {
          agency_may = agency == AgencyKind::kPolice || agency == AgencyKind::kCouncil ||
                       agency == AgencyKind::kHousing || agency == AgencyKind::kYouthOffending;
        }
        const bool expected = (role == Role::kPractitioner || role == Role::kManager) && agency_may;
        const Decision decision = Decide({.actor = actor, .action = Action::kRecordEvent, .event_kind = kind});
        EXPECT_EQ(decision.allowed, expected) << RoleCode(role) << " in " << AgencyKindCode(agency) << " records "
                                              << EventKindCode(kind);
        EXPECT_EQ(decision.reason.empty(), decision.allowed);
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 5 * 10 * 11);
}

// Need-to-know: role x agency x person action x relationship (none, involved, break-glass).
TEST(AccessPolicy, NeedToKnowRoleAgencyRelationshipMatrix) {
  const Action person_actions[] = {Action::kViewPerson,       Action::kUpdatePerson,      Action::kRecordEvent,
                                   Action::kViewCandidates,   Action::kViewCohort,        Action::kReferPerson,
                                   Action::kRecordContact,    Action::kRecordAssessment,  Action::kRequestOverride,
                                   Action::kSignOffOverride,  Action::kViewNotes,         Action::kAddNote,
                                   Action::kViewCustody,      Action::kRecordCustody,     Action::kUpdateChecklist,
                                   Action::kManagePlan,       Action::kRecordSchemes,     Action::kSetLevel,
                                   Action::kRecordEnforcement, Action::kManageTeam,       Action::kRecordReferral,
                                   Action::kManageRelationships};
  const std::set<Action> change_actions = {Action::kUpdatePerson,     Action::kRecordEvent,      Action::kRecordContact,
                                           Action::kRecordAssessment, Action::kRequestOverride, Action::kSignOffOverride,
                                           Action::kAddNote,          Action::kRecordCustody,   Action::kUpdateChecklist,
                                           Action::kManagePlan,       Action::kRecordSchemes,   Action::kSetLevel,
                                           Action::kRecordEnforcement, Action::kManageTeam,     Action::kRecordReferral,
                                   Action::kManageRelationships};
  enum class Relation { kNone, kInvolved, kBreakGlass };
  int checked = 0;
  for (Role role : kAllRoles) {
    for (AgencyKind agency : kAllAgencyKinds) {
      const Actor actor{.user_id = 7, .username = "u", .agency_kind = agency, .roles = {role}};
      EXPECT_EQ(SeesEveryone(actor), OffenceAgency(agency) || role == Role::kManager)
          << RoleCode(role) << " in " << AgencyKindCode(agency);
      for (Action action : person_actions) {
        for (Relation relation : {Relation::kNone, Relation::kInvolved, Relation::kBreakGlass}) {
          PersonRelationship relationship;
          if (relation == Relation::kInvolved) relationship.involvement = "your agency leads their case";
          if (relation == Relation::kBreakGlass) relationship.break_glass_reason = "urgent safeguarding call";
          const bool in_general = Decide(actor, action).allowed;
          const bool sees_everyone = OffenceAgency(agency) || role == Role::kManager;
          // Break-glass opens a record to read or refer, never to change it or add to it.
          const bool changes = change_actions.contains(action);
          const bool expected = in_general && (sees_everyone || relation == Relation::kInvolved ||
                                               (relation == Relation::kBreakGlass && !changes));
          const Decision decision = Decide({.actor = actor, .action = action, .relationship = relationship});
          const std::string cell = std::string(RoleCode(role)) + " in " + std::string(AgencyKindCode(agency)) +
                                   " -> " + std::string(ActionCode(action)) + " relation " +
                                   std::to_string(static_cast<int>(relation));
          EXPECT_EQ(decision.allowed, expected) << cell;
          EXPECT_EQ(decision.reason.empty(), decision.allowed) << cell;
          if (decision.allowed) EXPECT_FALSE(decision.basis.empty()) << cell << ": an allowed read says on what basis";
          // Breaking the glass is offered exactly to case workers refused for need-to-know alone.
          EXPECT_EQ(decision.break_glass_available, in_general && !decision.allowed && !changes)
              << cell;
          if (relation == Relation::kBreakGlass && decision.allowed && !sees_everyone) {
            EXPECT_EQ(decision.basis, "break-glass: urgent safeguarding call") << cell;
          }
          ++checked;
        }
      }
    }
  }
  EXPECT_EQ(checked, 5 * 10 * 22 * 3);
}

// Who reads each level of sensitivity, as access_policy.h says (written out again here): health notes health and
// treatment agencies, victim and intelligence notes police and probation, standard notes anyone.
bool AgencyReads(AgencyKind agency, Sensitivity sensitivity) {
  switch (sensitivity) {
    case Sensitivity::kNormal: return true;
    case Sensitivity::kHealth: return agency == AgencyKind::kHealth || agency == AgencyKind::kTreatment;
    case Sensitivity::kVictim:
    case Sensitivity::kIntelligence: return agency == AgencyKind::kPolice || agency == AgencyKind::kProbation;
  }
  ADD_FAILURE() << "a sensitivity this test does not know";
  return false;
}

// The one matrix over everything an AccessRequest carries: role x agency x action x relationship (in general, none,
// involved, break-glass) x kind of object x sensitivity x sharing state x author, and for recording x kind of event.
// Every cell's answer, reason, basis and break-glass offer is worked out here from the rules as written in
// access_policy.h, not from the policy's tables.
TEST(AccessPolicy, AccessRequestMatrix) {
  const std::map<Role, std::set<Action>>& allowed_anywhere = AllowedAnywhere();
  const std::set<Action> offence_agency_practitioner = {Action::kCreatePerson, Action::kUpdatePerson,
                                                        Action::kViewCandidates, Action::kViewReleases,
                                                        Action::kViewWanted, Action::kManageTeam};
  // The actions on one person's record, and those of them that break-glass never opens.
  const std::set<Action> need_to_know = {Action::kViewPerson,      Action::kUpdatePerson,     Action::kRecordEvent,
                                         Action::kViewCandidates,  Action::kViewCohort,       Action::kReferPerson,
                                         Action::kRecordContact,   Action::kRecordAssessment, Action::kRequestOverride,
                                         Action::kSignOffOverride, Action::kViewNotes,        Action::kAddNote,
                                         Action::kViewCustody,     Action::kRecordCustody,    Action::kUpdateChecklist,
                                         Action::kManagePlan,      Action::kRecordSchemes,    Action::kSetLevel,
                                         Action::kRecordEnforcement, Action::kManageTeam,     Action::kRecordReferral,
                                   Action::kManageRelationships};
  const std::set<Action> changes = {Action::kUpdatePerson,     Action::kRecordEvent,      Action::kRecordContact,
                                    Action::kRecordAssessment, Action::kRequestOverride, Action::kSignOffOverride,
                                    Action::kAddNote,          Action::kRecordCustody,   Action::kUpdateChecklist,
                                    Action::kManagePlan,       Action::kRecordSchemes,   Action::kSetLevel,
                                    Action::kRecordEnforcement, Action::kManageTeam,     Action::kRecordReferral,
                                   Action::kManageRelationships};
  const auto agency_may_record = [](EventKind kind, AgencyKind agency) {
    if (kind == EventKind::kDrugTest) {
      return OffenceAgency(agency) || agency == AgencyKind::kTreatment || agency == AgencyKind::kHealth;
    }
    if (kind == EventKind::kAsbIncident) {
      return agency == AgencyKind::kPolice || agency == AgencyKind::kCouncil || agency == AgencyKind::kHousing ||
             agency == AgencyKind::kYouthOffending;
    }
    return OffenceAgency(agency);
  };
  enum class Relation { kInGeneral, kNone, kInvolved, kBreakGlass };
  int checked = 0;
  for (Role role : kAllRoles) {
    for (AgencyKind agency : kAllAgencyKinds) {
      const Actor actor{.user_id = 7, .username = "u", .agency_kind = agency, .roles = {role}};
      for (Action action : kAllActions) {
        bool in_general =
            allowed_anywhere.at(role).contains(action) ||
            (role == Role::kPractitioner && OffenceAgency(agency) && offence_agency_practitioner.contains(action));
        if (action == Action::kImportEvents || action == Action::kRecordCustody ||
            action == Action::kRecordEnforcement) {
          in_general = (role == Role::kPractitioner || role == Role::kManager) && OffenceAgency(agency);
        }
        if (action == Action::kViewTasking && role == Role::kPractitioner) in_general = agency == AgencyKind::kPolice;
        std::vector<std::optional<EventKind>> event_kinds = {std::nullopt};
        if (action == Action::kRecordEvent) {
          event_kinds.insert(event_kinds.end(), std::begin(kAllEventKinds), std::end(kAllEventKinds));
        }
        for (const std::optional<EventKind> event_kind : event_kinds) {
          const bool kind_allowed = !event_kind || agency_may_record(*event_kind, agency);
          for (Relation relation :
               {Relation::kInGeneral, Relation::kNone, Relation::kInvolved, Relation::kBreakGlass}) {
            std::optional<PersonRelationship> relationship;
            if (relation != Relation::kInGeneral) relationship.emplace();
            if (relation == Relation::kInvolved) relationship->involvement = "your agency leads their case";
            if (relation == Relation::kBreakGlass) relationship->break_glass_reason = "urgent safeguarding call";
            const bool limited = relation != Relation::kInGeneral && need_to_know.contains(action);
            const bool sees_everyone = OffenceAgency(agency) || role == Role::kManager;
            const bool knows = sees_everyone || relation == Relation::kInvolved ||
                               (relation == Relation::kBreakGlass && !changes.contains(action));
            // Today neither the kind of object nor the sharing state changes an answer; the sensitivity does, unless
            // the actor is the author, and is decided before need-to-know (so refuses with no break-glass offer).
            for (ObjectKind object : All<ObjectKind>()) {
              for (Sensitivity sensitivity : All<Sensitivity>()) {
                for (SharingState sharing : All<SharingState>()) {
                  for (const bool author : {false, true}) {
                    const bool reads = author || AgencyReads(agency, sensitivity);
                    const bool expected = in_general && kind_allowed && reads && (!limited || knows);
                    std::string basis;
                    if (expected && limited) {
                      basis = OffenceAgency(agency)             ? "your agency holds offence records"
                              : role == Role::kManager          ? "IOM manager"
                              : relation == Relation::kInvolved ? "your agency leads their case"
                                                                : "break-glass: urgent safeguarding call";
                    }
                    const bool glass_offered =
                        in_general && kind_allowed && reads && limited && !knows && !changes.contains(action);
                    const Decision decision = Decide({.actor = actor,
                                                      .action = action,
                                                      .object = object,
                                                      .sensitivity = sensitivity,
                                                      .sharing = sharing,
                                                      .relationship = relationship,
                                                      .event_kind = event_kind,
                                                      .author = author});
                    const std::string cell =
                        std::string(RoleCode(role)) + " in " + std::string(AgencyKindCode(agency)) + " -> " +
                        std::string(ActionCode(action)) +
                        (event_kind ? " " + std::string(EventKindCode(*event_kind)) : std::string()) + " on " +
                        std::string(CodeOf(object)) + " (" + std::string(CodeOf(sensitivity)) + ", " +
                        std::string(CodeOf(sharing)) + (author ? ", author" : "") + ") relation " +
                        std::to_string(static_cast<int>(relation));
                    EXPECT_EQ(decision.allowed, expected) << cell;
                    EXPECT_EQ(decision.reason.empty(), decision.allowed) << cell << ": a denial always says why";
                    EXPECT_EQ(decision.basis, basis) << cell;
                    EXPECT_EQ(decision.break_glass_available, glass_offered) << cell;
                    ++checked;
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  EXPECT_EQ(checked, 5 * 10 * (40 + 1 + 11) * 4 * 13 * 4 * 1 * 2);
}

TEST(AccessPolicy, DenyByDefault) {
  const Actor nobody{.user_id = 3, .username = "no.roles"};
  for (Action action : kAllActions) EXPECT_FALSE(Decide(nobody, action).allowed) << ActionCode(action);
}

TEST(AccessPolicy, AdminsDoNotReadPeopleUnlessAlsoPractitioners) {
  Actor admin{.user_id = 1, .username = "a", .roles = {Role::kAdmin}};
  EXPECT_FALSE(Decide(admin, Action::kViewPerson).allowed);
  EXPECT_EQ(Decide(admin, Action::kViewPerson).reason, "View a person's record needs the practitioner or manager role");
  admin.roles.push_back(Role::kPractitioner);
  EXPECT_TRUE(Decide(admin, Action::kViewPerson).allowed);
}

TEST(AccessPolicy, AnalystsNeverSeeNamesOrIdentifiers) {
  const Actor analyst{.user_id = 2, .username = "an", .roles = {Role::kAnalyst}};
  for (Action action : {Action::kSearchPeople, Action::kViewPerson, Action::kCreatePerson, Action::kUpdatePerson,
                        Action::kImportEvents, Action::kViewCandidates, Action::kViewCohort, Action::kRecordEvent,
                        Action::kBreakGlass}) {
    EXPECT_FALSE(Decide(analyst, action).allowed) << ActionCode(action);
  }
}

TEST(AccessPolicy, TheLocalOperatorMayActAndIsNamed) {
  const Actor cli = Actor::LocalOperator("root");
  EXPECT_EQ(cli.username, "cli:root");
  for (Action action : kAllActions) EXPECT_TRUE(Decide(cli, action).allowed);
  for (EventKind kind : kAllEventKinds) {
    EXPECT_TRUE(Decide({.actor = cli, .action = Action::kRecordEvent, .event_kind = kind}).allowed);
  }
  EXPECT_TRUE(Decide({.actor = cli, .action = Action::kViewPerson, .relationship = PersonRelationship{}}).allowed);
  for (Sensitivity sensitivity : All<Sensitivity>()) {
    EXPECT_TRUE(Decide({.actor = cli, .action = Action::kViewNotes, .sensitivity = sensitivity}).allowed);
    EXPECT_TRUE(Decide({.actor = cli, .action = Action::kAddNote, .sensitivity = sensitivity}).allowed);
  }
}

// The refusals a practitioner reads on the notes page and in the API, word for word.
TEST(AccessPolicy, ASensitiveNoteIsRefusedInWordsThatNameItsReaders) {
  const Actor housing{
      .user_id = 9, .username = "h", .agency_kind = AgencyKind::kHousing, .roles = {Role::kPractitioner}};
  const auto reason = [&](Action action, Sensitivity sensitivity) {
    return Decide({.actor = housing,
                   .action = action,
                   .object = ObjectKind::kCaseNote,
                   .sensitivity = sensitivity,
                   .relationship = PersonRelationship{.involvement = "your agency leads their case"}})
        .reason;
  };
  EXPECT_EQ(reason(Action::kViewNotes, Sensitivity::kHealth),
            "Only health and treatment agencies and a note's author may read health notes");
  EXPECT_EQ(reason(Action::kViewNotes, Sensitivity::kVictim),
            "Only police and probation and a note's author may read victim notes");
  EXPECT_EQ(reason(Action::kAddNote, Sensitivity::kIntelligence),
            "Only police and probation may add intelligence notes");
  EXPECT_EQ(reason(Action::kViewNotes, Sensitivity::kNormal), "");
  // Managers are held to the same agency rule: coordinating the cohort opens no health note.
  const Actor manager{.user_id = 4, .username = "m", .agency_kind = AgencyKind::kHousing, .roles = {Role::kManager}};
  EXPECT_FALSE(Decide({.actor = manager, .action = Action::kViewNotes, .sensitivity = Sensitivity::kHealth}).allowed);
  const Actor nurse{.user_id = 5, .username = "n", .agency_kind = AgencyKind::kHealth, .roles = {Role::kManager}};
  EXPECT_TRUE(Decide({.actor = nurse, .action = Action::kViewNotes, .sensitivity = Sensitivity::kHealth}).allowed);
}

TEST(AccessPolicy, NeedToKnowRefusalSaysWhatWouldAllowIt) {
  const Actor housing{.user_id = 9, .username = "h", .agency_kind = AgencyKind::kHousing, .roles = {Role::kPractitioner}};
  const Decision decision =
      Decide({.actor = housing, .action = Action::kViewPerson, .relationship = PersonRelationship{}});
  EXPECT_FALSE(decision.allowed);
  EXPECT_TRUE(decision.break_glass_available);
  EXPECT_EQ(decision.reason,
            "View a person's record needs your agency to work with this person (lead agency, lead professional or a referral to "
            "the panel), or a break-glass reason");
  EXPECT_EQ(Decide({.actor = housing, .action = Action::kRecordEvent, .event_kind = EventKind::kWarrant}).reason,
            "Only agencies that hold offence records (police, probation, prison, youth offending) may record this kind "
            "of event (Warrant issued)");
}

}  // namespace
}  // namespace openiom

namespace openiom {
namespace {

// Regression (issue 8, defect 19): pages showed action codes ("view_fairness needs the manager role").
TEST(ActionLabel, EveryActionAndAuditCodeHasALabelForPeople) {
  std::set<std::string_view> labels;
  for (const Action action : kAllActions) {
    const std::string_view label = ActionLabel(action);
    EXPECT_EQ(label.find('_'), std::string_view::npos) << label;
    EXPECT_TRUE(labels.insert(label).second) << "two actions share the label " << label;
    EXPECT_EQ(AuditActionLabel(ActionCode(action)), label);
  }
  EXPECT_EQ(AuditActionLabel("sign_in"), "Sign in");
  EXPECT_EQ(AuditActionLabel("approve_role"), "Approve a role");
  EXPECT_EQ(AuditActionLabel("something_new"), "something_new") << "an unknown code is shown as stored";
  EXPECT_EQ(Decide(Actor{.roles = {Role::kPractitioner}}, Action::kViewFairness).reason,
            "View the fairness check needs the manager or analyst role");
}

// The codes are the audit trail's stored action names, so they may never change: each one, in order, and each
// parsed back.
TEST(ActionCode, CodesAreTheStoredOnes) {
  std::string joined;
  for (const Action action : kAllActions) {
    joined += (joined.empty() ? "" : " ") + std::string(ActionCode(action));
    EXPECT_EQ(Parse<Action>(ActionCode(action)), action);
  }
  EXPECT_EQ(joined,
            "search_people view_person create_person update_person import_events import_area_crime view_reports "
            "export_pseudonymised view_audit export_audit manage_users manage_agencies manage_reference_data "
            "run_scoring view_candidates refer_person decide_panel view_cohort view_fairness record_event "
            "break_glass record_contact record_assessment request_override sign_off_override view_caseload "
            "view_tasking view_notes add_note view_custody record_custody update_checklist view_releases "
            "manage_plan view_wanted record_schemes set_level record_enforcement manage_team record_referral manage_relationships");
  EXPECT_EQ(Parse<Action>("View_person"), std::nullopt);
}

}  // namespace
}  // namespace openiom
