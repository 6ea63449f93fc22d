// Referrals to the selection panel, its decisions, and cohort membership.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"

namespace openiom {

struct Referral {
  int64_t id = 0;
  PersonId person_id = 0;
  std::string route;   // "referral" (by a practitioner) or "rule" (a rule-based candidate)
  std::string reasons;
  std::string referred_by;
  Timestamp referred_at{};
  std::string status = "open";  // open, selected, declined, deferred
  std::string decision_reason;
  std::optional<Date> panel_date;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  int version = 1;
  // For lists: the person's name.
  std::string surname, forenames;
};

struct CohortMembership {
  int64_t id = 0;
  PersonId person_id = 0;
  std::string strand;  // fixed, flex, free
  std::string scheme;  // ppo, hcc, dip, drr, scpo, dv, other
  std::optional<int64_t> lead_agency_id;
  std::string lead_agency;  // name, for lists
  std::optional<int64_t> lead_user_id;   // the lead professional (a user), normally of probation
  std::string lead_professional;         // their name, for lists
  std::string lead_professional_agency;  // and agency
  Date selected_on{};
  std::string selection_reason, selected_by;
  std::optional<Date> deselected_on;
  std::string deselection_reason, deselected_by;
  std::optional<Date> next_review_on;
  int version = 1;
  std::string surname, forenames, district;  // for lists
};

struct CohortReview {
  int64_t id = 0;
  int64_t membership_id = 0;
  Date reviewed_on{};
  std::string outcome;  // continue, change_strand, deselect
  std::string strand;   // the new strand, for change_strand
  std::string notes;
  std::string reviewed_by;
  std::optional<Date> next_review_on;
};

// One scored person as the fairness check sees them (no names).
struct FairnessRow {
  std::optional<Date> date_of_birth;
  std::string gender, ethnicity, district;
  bool candidate = false;
  bool in_cohort = false;
};

class PanelRepository {
 public:
  virtual ~PanelRepository() = default;

  virtual Result<int64_t> CreateReferral(const Referral& referral) = 0;
  virtual Result<Referral> GetReferral(int64_t id) = 0;
  // Saves a decision if the stored version is still `referral.version` (then increments it); Stale
  // when someone else decided meanwhile.
  virtual Status DecideReferral(const Referral& referral) = 0;
  // Referrals awaiting a decision (open or deferred), oldest first.
  virtual Result<std::vector<Referral>> OpenReferrals() = 0;
  virtual Result<std::vector<Referral>> ReferralsFor(PersonId person_id) = 0;

  virtual Result<int64_t> AddMembership(const CohortMembership& membership) = 0;
  virtual Result<CohortMembership> GetMembership(int64_t id) = 0;
  // Saves a membership's strand, next review date and end (de-selection) if its version is still
  // `membership.version` (then increments it); Stale otherwise.
  virtual Status UpdateMembership(const CohortMembership& membership) = 0;
  virtual Result<int64_t> AddReview(const CohortReview& review) = 0;
  // Reviews of a person's memberships, oldest first.
  virtual Result<std::vector<CohortReview>> ReviewsFor(PersonId person_id) = 0;
  // Current members (not de-selected), by surname.
  virtual Result<std::vector<CohortMembership>> CurrentMembers() = 0;
  virtual Result<std::vector<CohortMembership>> MembershipsFor(PersonId person_id) = 0;
  // Current members whose lead professional is `user_id` (a caseload), by surname.
  virtual Result<std::vector<CohortMembership>> CurrentMembersLedBy(int64_t user_id) = 0;
  // Saves a current membership's lead agency and lead professional if its version is still `membership.version`
  // (then increments it); Stale otherwise (changed meanwhile, or ended).
  virtual Status SetLead(const CohortMembership& membership) = 0;

  // Everyone scored in a run, with the groups the fairness check compares.
  virtual Result<std::vector<FairnessRow>> FairnessRows(int64_t run_id) = 0;
};

}  // namespace openiom
