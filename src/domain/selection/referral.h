// A referral to the selection panel (by a practitioner, or a rule-based candidate taken to panel) and the panel's
// decision on it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/date.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

// How a person came to the panel.
enum class ReferralRoute { kReferral, kRule };
inline constexpr Term<ReferralRoute> kReferralRouteTerms[] = {
    {ReferralRoute::kReferral, "referral", "Referred by a practitioner"},
    {ReferralRoute::kRule, "rule", "Proposed by a nomination rule"},  // a rule-based candidate taken to panel
};
constexpr const auto& TermsOf(ReferralRoute) { return kReferralRouteTerms; }
static_assert(InEnumOrder(kReferralRouteTerms));

// Where a referral is: awaiting the panel (open, or deferred to a later panel) or decided.
enum class ReferralStatus { kOpen, kSelected, kDeclined, kDeferred };
inline constexpr Term<ReferralStatus> kReferralStatusTerms[] = {
    {ReferralStatus::kOpen, "open", "Awaiting panel"},
    {ReferralStatus::kSelected, "selected", "Selected"},
    {ReferralStatus::kDeclined, "declined", "Declined"},
    {ReferralStatus::kDeferred, "deferred", "Deferred"},
};
constexpr const auto& TermsOf(ReferralStatus) { return kReferralStatusTerms; }
static_assert(InEnumOrder(kReferralStatusTerms));

// True for open and deferred referrals: the panel has still to decide them. A person has at most one (the
// services check; the referral_one_awaiting index makes it certain).
constexpr bool AwaitsPanel(ReferralStatus status) {
  return status == ReferralStatus::kOpen || status == ReferralStatus::kDeferred;
}

// What the panel decides about a referral awaiting it.
enum class PanelDecisionKind { kSelect, kDecline, kDefer };
inline constexpr Term<PanelDecisionKind> kPanelDecisionKindTerms[] = {
    {PanelDecisionKind::kSelect, "select", "Select for the cohort"},
    {PanelDecisionKind::kDecline, "decline", "Decline"},
    {PanelDecisionKind::kDefer, "defer", "Defer to a later panel"},
};
constexpr const auto& TermsOf(PanelDecisionKind) { return kPanelDecisionKindTerms; }
static_assert(InEnumOrder(kPanelDecisionKindTerms));

// The status a decision gives the referral: selected, declined or deferred.
constexpr ReferralStatus StatusAfter(PanelDecisionKind decision) {
  switch (decision) {
    case PanelDecisionKind::kSelect: return ReferralStatus::kSelected;
    case PanelDecisionKind::kDecline: return ReferralStatus::kDeclined;
    case PanelDecisionKind::kDefer: return ReferralStatus::kDeferred;
  }
  return ReferralStatus::kDeferred;
}

struct Referral {
  int64_t id = 0;
  PersonId person_id = 0;
  ReferralRoute route = ReferralRoute::kReferral;
  std::string reasons;
  std::string referred_by;
  Timestamp referred_at{};
  ReferralStatus status = ReferralStatus::kOpen;
  std::string decision_reason;
  std::optional<Date> panel_date;
  std::string decided_by;
  std::optional<Timestamp> decided_at;
  int version = 1;
  // For lists: the person's name.
  std::string surname, forenames;
};

}  // namespace openiom
