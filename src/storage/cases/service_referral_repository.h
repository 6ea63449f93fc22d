// A person's referrals to services (domain/cases/service_referral.h).
#pragma once

#include <vector>

#include "common/status.h"
#include "domain/cases/service_referral.h"
#include "domain/people/person.h"

namespace openiom {

class ServiceReferralRepository {
 public:
  virtual ~ServiceReferralRepository() = default;

  // Stores a new referral (its id and version are ignored) and returns its id. Conflict when the referring agency does
  // not exist.
  virtual Result<ServiceReferralId> Add(const ServiceReferral& referral) = 0;
  // The referral with its referring agency's name; NotFound when there is none.
  virtual Result<ServiceReferral> Get(ServiceReferralId id) = 0;
  // Saves the referral's status, status_on, outcome and updated_by if the stored version is still `referral.version`
  // (then increments it); Stale otherwise.
  virtual Status UpdateStatus(const ServiceReferral& referral) = 0;
  // A person's referrals, by id.
  virtual Result<std::vector<ServiceReferral>> ReferralsFor(PersonId person_id) = 0;
};

}  // namespace openiom
