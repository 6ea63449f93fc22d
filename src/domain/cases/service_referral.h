// Referrals to services: a person sent to housing, treatment, employment and training, mental health liaison and
// diversion, restorative justice, mentoring or community payback, with the provider, who referred them and when, and
// where the referral has got to (sent, accepted, declined, started, completed, withdrawn) with what came of it. Not
// the referral to the selection panel (domain/selection/referral.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/accounts/account.h"
#include "domain/accounts/agency.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class ServiceKind {
  kHousing,
  kDrugAlcoholTreatment,
  kEmploymentTraining,
  kMentalHealthLiaison,
  kRestorativeJustice,
  kMentoring,
  kCommunityPayback,
};
inline constexpr Term<ServiceKind> kServiceKindTerms[] = {
    {ServiceKind::kHousing, "housing", "Housing"},
    {ServiceKind::kDrugAlcoholTreatment, "drug_alcohol_treatment", "Drug and alcohol treatment"},
    {ServiceKind::kEmploymentTraining, "employment_training", "Employment and training"},
    {ServiceKind::kMentalHealthLiaison, "mental_health_liaison", "Mental health liaison and diversion"},
    {ServiceKind::kRestorativeJustice, "restorative_justice", "Restorative justice"},
    {ServiceKind::kMentoring, "mentoring", "Mentoring"},
    {ServiceKind::kCommunityPayback, "community_payback", "Community payback"},
};
constexpr const auto& TermsOf(ServiceKind) {
  return kServiceKindTerms;
}
static_assert(InEnumOrder(kServiceKindTerms));

// Where a referral has got to. Declined, completed and withdrawn are where it ends.
enum class ServiceReferralStatus { kSent, kAccepted, kDeclined, kStarted, kCompleted, kWithdrawn };
inline constexpr Term<ServiceReferralStatus> kServiceReferralStatusTerms[] = {
    {ServiceReferralStatus::kSent, "sent", "Sent"},
    {ServiceReferralStatus::kAccepted, "accepted", "Accepted"},
    {ServiceReferralStatus::kDeclined, "declined", "Declined"},
    {ServiceReferralStatus::kStarted, "started", "Started"},
    {ServiceReferralStatus::kCompleted, "completed", "Completed"},
    {ServiceReferralStatus::kWithdrawn, "withdrawn", "Withdrawn"},
};
constexpr const auto& TermsOf(ServiceReferralStatus) {
  return kServiceReferralStatusTerms;
}
static_assert(InEnumOrder(kServiceReferralStatusTerms));

using ServiceReferralId = int64_t;

struct ServiceReferral {
  ServiceReferralId id = 0;  // 0 until stored
  PersonId person_id = 0;
  ServiceKind service = ServiceKind::kHousing;
  std::string provider;  // who provides the service ("Thirteen Group housing options")
  Date referred_on{};
  std::string referred_by;                    // the username of who referred
  std::optional<AgencyId> referred_by_agency_id;  // their agency (none for the local operator)
  std::string referred_by_agency;             // its name, for lists
  ServiceReferralStatus status = ServiceReferralStatus::kSent;
  Date status_on{};     // the day it got to its status
  std::string outcome;  // what came of it: required when completed or declined
  std::string updated_by;
  Timestamp recorded_at{};
  int version = 1;
};

inline constexpr size_t kMaxProvider = 200;
inline constexpr size_t kMaxReferralOutcome = 2000;

// Declined, completed and withdrawn: nothing follows them.
bool IsFinished(ServiceReferralStatus status);

// Whether a referral may go from `from` to `to`: a sent one is accepted, declined or withdrawn; an accepted one
// started or withdrawn; a started one completed or withdrawn; a finished one stays as it is. Staying as it is is not
// a change.
bool MayChangeStatus(ServiceReferralStatus from, ServiceReferralStatus to);

// The statuses a referral may go to next from `from`, in the vocabulary's order (none once finished).
std::vector<ServiceReferralStatus> NextStatuses(ServiceReferralStatus from);

// Every problem with a referral as it would be stored, as {field, message}: no provider or one over kMaxProvider
// characters; referred_on after `today` or, for a new referral (id 0), more than a year before it; status_on before
// referred_on or after `today`; no outcome when completed or declined, or one over kMaxReferralOutcome characters.
// Fields are "provider", "referred_on", "status_on" and "outcome".
FieldProblems ServiceReferralProblems(const ServiceReferral& referral, Date today);

// The list's order: open referrals first, then finished ones; each latest referred first; ties by id, latest first.
void SortReferrals(std::vector<ServiceReferral>& referrals);

}  // namespace openiom
