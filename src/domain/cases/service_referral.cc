#include "domain/cases/service_referral.h"

#include <algorithm>
#include <tuple>

namespace openiom {

namespace {

constexpr std::chrono::days kYear{366};

}  // namespace

bool IsFinished(ServiceReferralStatus status) {
  using enum ServiceReferralStatus;
  return status == kDeclined || status == kCompleted || status == kWithdrawn;
}

bool MayChangeStatus(ServiceReferralStatus from, ServiceReferralStatus to) {
  using enum ServiceReferralStatus;
  // The provider answers a referral (accepted or declined), the person starts and completes the service; the
  // referrer may withdraw it at any point until it is finished.
  switch (from) {
    case kSent: return to == kAccepted || to == kDeclined || to == kWithdrawn;
    case kAccepted: return to == kStarted || to == kWithdrawn;
    case kStarted: return to == kCompleted || to == kWithdrawn;
    case kDeclined:
    case kCompleted:
    case kWithdrawn: return false;
  }
  return false;
}

std::vector<ServiceReferralStatus> NextStatuses(ServiceReferralStatus from) {
  std::vector<ServiceReferralStatus> next;
  for (const ServiceReferralStatus to : All<ServiceReferralStatus>()) {
    if (MayChangeStatus(from, to)) next.push_back(to);
  }
  return next;
}

FieldProblems ServiceReferralProblems(const ServiceReferral& referral, Date today) {
  using enum ServiceReferralStatus;
  FieldProblems problems;
  if (referral.provider.empty()) {
    problems.push_back({"provider", "Enter the provider of the service"});
  } else if (referral.provider.size() > kMaxProvider) {
    problems.push_back({"provider", "must be at most " + std::to_string(kMaxProvider) + " characters"});
  }
  if (referral.referred_on > today) {
    problems.push_back({"referred_on", "cannot be in the future"});
  } else if (referral.id == 0 && referral.referred_on < today - kYear) {
    problems.push_back({"referred_on", "is more than a year ago"});
  }
  if (referral.status_on < referral.referred_on) {
    problems.push_back({"status_on", "cannot be before the referral was made"});
  } else if (referral.status_on > today) {
    problems.push_back({"status_on", "cannot be in the future"});
  }
  // A completed or declined referral is only useful to the team with what came of it (or why not).
  if (referral.outcome.empty() && (referral.status == kCompleted || referral.status == kDeclined)) {
    problems.push_back({"outcome", referral.status == kCompleted ? "Say what came of the referral"
                                                                 : "Say why the referral was declined"});
  } else if (referral.outcome.size() > kMaxReferralOutcome) {
    problems.push_back({"outcome", "must be at most " + std::to_string(kMaxReferralOutcome) + " characters"});
  }
  return problems;
}

void SortReferrals(std::vector<ServiceReferral>& referrals) {
  std::stable_sort(referrals.begin(), referrals.end(), [](const ServiceReferral& a, const ServiceReferral& b) {
    const bool a_open = !IsFinished(a.status), b_open = !IsFinished(b.status);
    if (a_open != b_open) return a_open;
    return std::tie(b.referred_on, b.id) < std::tie(a.referred_on, a.id);
  });
}

}  // namespace openiom
