// Managing each person: their appointments and contacts with what came of them, pathway assessments, the BRAG
// rating with its reasons, manual ratings (overrides) with a manager's sign-off, and the lists the team works from
// (my caseload, the police tasking list). Authorised and audited here, whichever entry point calls.
//
// Reading any of a person's case is a view of their record (Action::kViewPerson, need-to-know), audited once per
// call. The rating is computed when it is read, from the facts held then (events, contacts, assessments, the
// latest score run, overrides) and the BRAG rules the partnership has set, so it is always current. Calls that find
// problems with what was typed return them in an InvalidArgument Status (problems()) and change nothing. Those
// behind a form take an optional `shown`: when the call fails for bad input, a conflict or a stale version, it holds
// the person as the call read them, so the form is shown again without a second read; showing it is recorded once
// (ShowAgain, services/access/use_case.h).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/assessment.h"
#include "domain/cases/brag.h"
#include "domain/cases/contact.h"
#include "domain/cases/custody.h"
#include "domain/cases/enforcement.h"
#include "domain/cases/level.h"
#include "domain/cases/plan.h"
#include "domain/cases/service_referral.h"
#include "domain/cases/team.h"
#include "domain/people/person.h"
#include "domain/selection/cohort_membership.h"
#include "services/access/access_policy.h"

namespace openiom {

class AuditTrail;
class Database;
class Transaction;

// A person's rating on a day, with what the page, the API and the command line show beside it.
struct BragView {
  Person person;
  BragAssessment rating;
};

// Everything the person's case page shows, read in one audited view.
// How many of a person's newest events the case page's timeline shows.
inline constexpr size_t kCaseTimelineEvents = 12;

struct CaseView {
  Person person;
  BragAssessment rating;
  std::vector<BragChange> history;    // the last year's changes, oldest first
  std::vector<Contact> contacts;      // oldest first
  ComplianceRate compliance_28, compliance_90;
  std::optional<Contact> next_appointment;
  std::vector<Assessment> assessments;  // oldest first
  std::vector<BragOverride> overrides;  // oldest first
  std::map<int64_t, int> override_versions;  // override id -> stored version, for sign-off and withdrawal forms
  std::vector<Event> open_warrants, open_recalls;  // newest first
  std::vector<EnforcementStep> enforcement;        // the non-compliance workflow's steps, oldest first
  std::vector<EnforcementDue> enforcement_due;     // the steps due today (EnforcementDueOn)
  std::optional<LevelChange> level;                // today's service level
  std::vector<SchemeMembership> schemes;           // the schemes they are on today
  std::optional<StatutoryStatus> statutory;        // today's statutory status
  std::optional<LevelSuggestion> level_suggestion;
  PersonTeam team;  // the lead professional and the named workers, current ones first
  // The rest of the person's profile, read in the same audited view (issue 10, part 12):
  std::vector<Event> recent_events;             // the timeline: the newest events, newest first (kCaseTimelineEvents)
  std::vector<PlanAction> plan_actions;         // oldest first
  std::optional<PlanReview> plan_review;
  std::optional<CustodyEpisode> custody;        // the latest custody episode, if any
  std::vector<ServiceReferral> open_referrals;  // referrals to services not yet finished
};

// A contact as typed: codes of ContactKind and ContactOutcome, and a YYYY-MM-DD day.
struct ContactInput {
  std::string kind, on, time, worker, outcome, notes;
};

// An assessment as typed: for each pathway code, its need level code and notes.
struct AssessmentInput {
  std::string assessed_on;
  std::map<std::string, std::string> needs;  // pathway code -> need level code ("" when not answered)
  std::map<std::string, std::string> notes;  // pathway code -> notes
};

// An override as typed: a BragRating code, why, and the day it ends (YYYY-MM-DD, after today).
struct OverrideInput {
  std::string rating, justification, expires_on;
};

inline constexpr size_t kMinOverrideJustification = 20;
inline constexpr int kMaxOverrideDays = 182;  // an override is reconsidered at least every six months

// One person on a caseload or the tasking list.
struct CaseloadRow {
  PersonId person_id = 0;
  std::string surname, forenames, district;
  std::string scheme, strand;        // codes of the current membership
  std::string lead_professional, lead_agency;
  BragAssessment rating;
  std::optional<Contact> next_appointment;
  bool open_warrant = false;
  std::vector<Event> open_warrants, open_recalls;  // newest first
  int overdue_actions = 0;  // open plan actions past their due date (domain/cases/plan.h)
  // On the actor's own caseload: "Lead professional", or their role on the person's team ("Drug worker"); empty on
  // the whole cohort's and the tasking list.
  std::string my_role;

  // The day of their oldest open warrant or recall (wanted since), or Date::max() when they are not wanted.
  Date WantedSince() const;
};

// The cohort's wanted people (an open warrant or recall) and how many per scheme: the "wanted PPOs" headline.
struct WantedList {
  std::vector<CaseloadRow> people;  // by the day they have been wanted since (longest first)
  struct SchemeCount {
    Scheme scheme = Scheme::kPpo;
    int wanted = 0, members = 0;
  };
  std::vector<SchemeCount> by_scheme;  // every scheme, in the vocabulary's order
};

struct CaseloadQuery {
  bool everyone = false;       // the whole cohort (managers) rather than the actor's own caseload
  std::string worker;          // only this lead professional (a name), when everyone
  std::string agency;          // only this lead agency (a name), when everyone
  std::optional<BragRating> rating;  // only this rating shown
};

// The rating of `person_id` on `day`, from the facts and the BRAG rules stored, read in the caller's transaction. For
// another use case of the cases area that shows a person's rating beside its own view (a household's connected cohort
// members, HouseholdService): that use case decides whether the actor may see it and audits the read. No check of
// access here.
Result<BragAssessment> RateInTransaction(Transaction& transaction, PersonId person_id, Date day);

class CaseService {
 public:
  CaseService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // The rating on `as_of` (today when unset; InvalidArgument for a day after today). kViewPerson, audited.
  Result<BragView> Brag(const Actor& actor, PersonId person_id, std::optional<Date> as_of = std::nullopt);
  // The case page's view, today. kViewPerson, audited once.
  Result<CaseView> Case(const Actor& actor, PersonId person_id);

  // Action::kRecordContact: an appointment or contact with the actor's agency. Returns its id.
  Result<ContactId> AddContact(const Actor& actor, PersonId person_id, const ContactInput& input,
                               std::optional<Person>* shown = nullptr);
  // Action::kRecordContact: records what came of an appointment (or changes it), if the stored version is still
  // `expected_version` (Stale otherwise). NotFound for a contact of another person.
  Status RecordOutcome(const Actor& actor, PersonId person_id, ContactId contact_id, int expected_version,
                       const ContactInput& input, std::optional<Person>* shown = nullptr);

  // Action::kRecordAssessment: a new assessment on the current form, by the actor. Returns its id.
  Result<AssessmentId> AddAssessment(const Actor& actor, PersonId person_id, const AssessmentInput& input,
                                     std::optional<Person>* shown = nullptr);

  // Action::kRequestOverride: a manual rating from today until `expires_on`. A manager's request is signed off by
  // them at once; anyone else's waits for a manager (SignOffOverride). The justification needs at least
  // kMinOverrideJustification characters and the expiry at most kMaxOverrideDays ahead.
  Result<int64_t> RequestOverride(const Actor& actor, PersonId person_id, const OverrideInput& input,
                                  std::optional<Person>* shown = nullptr);
  // Action::kSignOffOverride (managers): signs off an override awaiting it. FailedPrecondition if it was signed off,
  // withdrawn or has expired; Stale if it changed since `expected_version`.
  Status SignOffOverride(const Actor& actor, PersonId person_id, int64_t override_id, int expected_version);
  // Action::kRequestOverride: withdraws a request awaiting sign-off, or (managers only: PermissionDenied, audited, for
  // anyone else) a signed-off override, from today.
  Status WithdrawOverride(const Actor& actor, PersonId person_id, int64_t override_id, int expected_version);

  // Action::kViewCaseload: the actor's own people (current cohort members they lead, and those on whose team they are
  // a current named worker, each with my_role), or with `everyone` (managers only) the whole cohort, each with their
  // rating today; by rating (Blue, Red, Amber, Green) then surname.
  // Audited once, as a list.
  Result<std::vector<CaseloadRow>> Caseload(const Actor& actor, const CaseloadQuery& query);
  // Action::kViewTasking: every current cohort member rated Red today, with the reasons, for the IOM police team.
  Result<std::vector<CaseloadRow>> Tasking(const Actor& actor);
  // Action::kViewWanted (agencies that hold offence records, managers): the current cohort members with an open
  // warrant or recall (wanted), and the count per scheme. Audited once, as a list.
  Result<WantedList> Wanted(const Actor& actor);

  // The BRAG rules in force: the stored parameters, or the defaults. Internal when the stored parameters no longer
  // parse (they were checked when set).
  Result<BragConfig> BragRules();
  // Action::kManageReferenceData: sets the BRAG rules' parameters (ParseBragConfig's problems on bad input). Audited.
  Status SetBragRules(const Actor& actor, const std::string& json);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
