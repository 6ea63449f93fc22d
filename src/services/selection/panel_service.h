// The selection panel: anyone on the team refers a person with reasons (or takes a rule-based candidate to
// panel); managers select, decline or defer, each with a reason and the panel's date; selection starts a cohort
// membership on a strand and scheme with a lead agency; de-selection ends it, and the person may be referred
// again. The cohort list counts members per strand and scheme, a person's selection history shows every step,
// and the fairness check compares candidate and selection rates across groups. Authorised and audited here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analytics/selection/fairness.h"
#include "common/clock.h"
#include "common/status.h"
#include "domain/accounts/agency.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "storage/database.h"
#include "storage/selection/panel_repository.h"
#include "storage/selection/score_repository.h"

namespace openiom {

// Calls that find problems with what was typed return them in an InvalidArgument Status (problems()) and change
// nothing. Those behind a form take an optional `shown`: when the call fails for bad input, a conflict or a stale
// version, it holds the record as the call read it (nullopt if there is no such record), so the form is shown again
// without a second read; showing it is recorded once, as the call's action with outcome failure (ShowAgain,
// services/access/use_case.h), so a refused post is never an unrecorded way to see the record.

// A decision as typed: the codes of a PanelDecisionKind, Strand and Scheme (domain/selection/).
struct PanelDecision {
  int64_t referral_id = 0;
  int expected_version = 0;
  std::string decision;    // select, decline or defer
  std::string reason;
  std::string panel_date;  // YYYY-MM-DD as typed
  std::string strand, scheme;     // select only
  std::string lead_agency_id;     // select only, optional: an agency's id as typed
  std::string lead_user_id;       // select only, optional: the lead professional's user id as typed
};

// A new lead professional (and lead agency) for a current member.
struct LeadChange {
  int64_t membership_id = 0;
  int expected_version = 0;
  std::string lead_user_id;    // as typed; empty: none
  std::string lead_agency_id;  // as typed; empty: the lead professional's agency (or none)
};

// Someone who may be named lead professional: an enabled practitioner or manager.
struct LeadProfessional {
  int64_t user_id = 0;
  std::string name;
  std::string agency;
};

inline constexpr int kReviewIntervalDays = 91;  // the default time to the next review (about three months)

struct MembershipReview {
  int64_t membership_id = 0;
  int expected_version = 0;
  std::string outcome;      // a ReviewOutcome's code: continue, change_strand or deselect
  std::string strand;       // change_strand: the new strand
  std::string notes;
  std::string date;         // reviewed on, YYYY-MM-DD as typed
  std::string next_review;  // continue and change_strand: YYYY-MM-DD as typed, after the review
};

struct CohortCount {
  std::string key, label;
  int64_t members = 0;
};

struct CohortView {
  std::vector<CohortMembership> members;
  std::vector<CohortCount> by_strand;  // every strand, zero included
  std::vector<CohortCount> by_scheme;  // every scheme, zero included
};

struct SelectionHistory {
  Person person;
  bool has_open_warrant = false;
  std::vector<Referral> referrals;
  std::vector<CohortMembership> memberships;
  std::vector<CohortReview> reviews;
  bool in_cohort = false;
  bool awaiting_panel = false;
};

struct FairnessReport {
  std::optional<ScoreRun> run;  // nullopt before the first score run
  std::vector<std::pair<std::string, std::vector<GroupRates>>> dimensions;  // "Gender", "Age band", ...
};

class PanelService {
 public:
  PanelService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // Action::kReferPerson. Conflict if the person is in the cohort or already awaits the panel. `shown`: the person.
  Result<int64_t> Refer(const Actor& actor, PersonId person_id, const std::string& route, const std::string& reasons,
                        std::optional<Person>* shown = nullptr);
  // Action::kViewCohort: referrals awaiting the panel.
  Result<std::vector<Referral>> AwaitingPanel(const Actor& actor);
  Result<Referral> GetReferral(const Actor& actor, int64_t referral_id);
  // Action::kDecidePanel. Stale if the referral changed since `expected_version` was read; Conflict if
  // it was already decided or the person is already in the cohort. The panel date may be neither before the
  // referral nor after today. Selection sets the first review kReviewIntervalDays after the panel, and may name
  // the lead professional (an enabled practitioner or manager); the lead agency is then theirs unless given.
  // `shown`: the referral.
  Status Decide(const Actor& actor, const PanelDecision& decision, std::optional<Referral>* shown = nullptr);
  // Action::kDecidePanel: a member's review continues the membership, moves it to another strand or ends it
  // (de-selection), and sets the next review. Stale if the membership changed or ended since it
  // was read. Returns the person reviewed. `shown`: the membership.
  Result<PersonId> Review(const Actor& actor, const MembershipReview& review,
                          std::optional<CohortMembership>* shown = nullptr);
  // Action::kDecidePanel: changes a current member's lead professional and lead agency. Stale if the
  // membership changed or ended since it was read. Returns the person. `shown`: the membership.
  Result<PersonId> ChangeLead(const Actor& actor, const LeadChange& change,
                              std::optional<CohortMembership>* shown = nullptr);
  // Action::kViewCohort: the current members whose lead professional is the actor (audited as one list view).
  Result<std::vector<CohortMembership>> Caseload(const Actor& actor);
  // Action::kDecidePanel (who names them): everyone who may be named lead professional, by name.
  Result<std::vector<LeadProfessional>> LeadProfessionals(const Actor& actor);
  // Action::kViewCohort.
  Result<CohortView> Cohort(const Actor& actor);
  Result<CohortMembership> GetMembership(const Actor& actor, int64_t membership_id);
  // Action::kViewCohort on one person: who they are, every referral, decision, membership and review (audited
  // once, as a view of them; a missing person is audited as a failed view and is NotFound).
  Result<SelectionHistory> History(const Actor& actor, PersonId person_id);
  // Action::kViewFairness: the latest score run's population by gender, age band, ethnicity and district.
  Result<FairnessReport> Fairness(const Actor& actor);
  // The agencies a selection may name as lead (any signed-in user may see agency names).
  Result<std::vector<Agency>> Agencies();

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
