// A person's referrals to services (housing, treatment, employment and training, mental health liaison and diversion,
// restorative justice, mentoring, community payback): who provides the service, who referred them and when, and where
// each referral has got to with what came of it. Authorised and audited here, whichever entry point calls.
//
// Reading them is a view of the person's record (Action::kViewPerson, need-to-know), audited once per call. Making a
// referral and recording where it has got to is Action::kRecordReferral: practitioners and managers of any agency that
// works with the person, never by breaking the glass. A referral is made "sent" on the day it was referred; it then
// moves only as MayChangeStatus allows (domain/cases/service_referral.h). Calls behind a form take an optional
// `shown`, as PlanService's do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/service_referral.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"

namespace openiom {

class AuditTrail;
class Database;

// Everything the referrals page shows, read in one audited view.
struct ServiceReferralsView {
  Person person;
  std::vector<ServiceReferral> referrals;  // SortReferrals' order: open ones first, latest referred first
  bool open_warrant = false;               // for the record's header
  Date today{};
};

// A referral as typed: a ServiceKind code, the provider, and the day it was made (YYYY-MM-DD; today when empty).
struct ServiceReferralInput {
  std::string service, provider, referred_on;
};

// Where a referral has got to, as typed: a ServiceReferralStatus code, the day (YYYY-MM-DD; today when empty) and
// what came of it (required when completed or declined; kept as it was when empty otherwise).
struct ServiceReferralStatusInput {
  std::string status, status_on, outcome;
};

// What the status form shows again after a failed change: the person and the referral as stored.
struct ServiceReferralShown {
  Person person;
  ServiceReferral referral;
};

class ServiceReferralService {
 public:
  ServiceReferralService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // The person's referrals. kViewPerson, audited once; NotFound (audited) for no such person.
  Result<ServiceReferralsView> Referrals(const Actor& actor, PersonId person_id);

  // Action::kRecordReferral: a new referral, sent, by the actor and their agency. Returns its id. InvalidArgument with
  // every problem ("service", ServiceReferralProblems) on bad input.
  Result<ServiceReferralId> Refer(const Actor& actor, PersonId person_id, const ServiceReferralInput& input,
                                  std::optional<Person>* shown = nullptr);
  // Action::kRecordReferral: moves a referral on, if the stored version is still `expected_version` (Stale
  // otherwise). FailedPrecondition for a move MayChangeStatus refuses (a completed referral started again); NotFound
  // for a referral of another person; InvalidArgument ("status", ServiceReferralProblems) on bad input. `shown` holds
  // the person and the referral as stored after a failure the form is shown again for.
  Status SetStatus(const Actor& actor, PersonId person_id, ServiceReferralId referral_id, int expected_version,
                   const ServiceReferralStatusInput& input, std::optional<ServiceReferralShown>* shown = nullptr);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
