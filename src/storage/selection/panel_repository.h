// Referrals to the selection panel, its decisions, and cohort membership (the types are in domain/selection/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "domain/selection/cohort_membership.h"
#include "domain/selection/referral.h"

namespace openiom {

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
