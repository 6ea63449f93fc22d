// The BRAG rating (Blue, Red, Amber, Green): how closely the IOM team must watch a person now, computed from the
// facts held about them by rules that each say what fired and why. Pure: the day is passed in, and only facts on
// or before it count, so the rating on any past day can be recomputed.
//
// The default rules, in order of precedence (the first colour with a rule that fired is the rating):
//   Blue  in custody on the day: the latest custody start has no release after it;
//   Red   an arrest or charge in the window (28 days); an open warrant (HasOpenWarrant); an open recall (no custody
//         start on or after it); a breach in the window; two or more unacceptable failed appointments in the window;
//   Amber significant need on three or more pathways in the latest assessment; one unacceptable failed appointment
//         in the window; released from custody in the window; RFG of 60 or more in the latest score run;
//   Green none of these.
// "In the window" is WithinDays (domain/cases/contact.h): 28 days before the day counts, 29 does not. A rating with
// no pathway assessment on or before the day is provisional. An override, signed off by a manager and not yet
// expired, replaces the rating shown; the computed rating and its reasons are still given beside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/cases/assessment.h"
#include "domain/cases/contact.h"
#include "domain/people/event.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class BragRating { kBlue, kRed, kAmber, kGreen };
inline constexpr Term<BragRating> kBragRatingTerms[] = {
    {BragRating::kBlue, "blue", "Blue"},
    {BragRating::kRed, "red", "Red"},
    {BragRating::kAmber, "amber", "Amber"},
    {BragRating::kGreen, "green", "Green"},
};
constexpr const auto& TermsOf(BragRating) { return kBragRatingTerms; }
static_assert(InEnumOrder(kBragRatingTerms));

// Every rule, with the colour it gives. The code names the rule in reasons, the JSON and the configuration.
enum class BragRule {
  kInCustody,
  kRecentArrestOrCharge,
  kOpenWarrant,
  kOpenRecall,
  kRecentBreach,
  kRepeatedFailedAppointments,
  kSignificantNeeds,
  kFailedAppointment,
  kRecentRelease,
  kHighRfg,
};
inline constexpr Term<BragRule> kBragRuleTerms[] = {
    {BragRule::kInCustody, "in_custody", "In custody"},
    {BragRule::kRecentArrestOrCharge, "recent_arrest_or_charge", "Arrested or charged recently"},
    {BragRule::kOpenWarrant, "open_warrant", "Open warrant"},
    {BragRule::kOpenRecall, "open_recall", "Recalled and not yet in custody"},
    {BragRule::kRecentBreach, "recent_breach", "Breach recently"},
    {BragRule::kRepeatedFailedAppointments, "repeated_failed_appointments", "Failed appointments"},
    {BragRule::kSignificantNeeds, "significant_needs", "Significant needs"},
    {BragRule::kFailedAppointment, "failed_appointment", "A failed appointment"},
    {BragRule::kRecentRelease, "recent_release", "Released recently"},
    {BragRule::kHighRfg, "high_rfg", "High RFG score"},
};
constexpr const auto& TermsOf(BragRule) { return kBragRuleTerms; }
static_assert(InEnumOrder(kBragRuleTerms));

// The colour a rule gives when it fires.
BragRating RatingOf(BragRule rule);

// The rules' parameters. Every field has the default described above; a partnership may change them
// (services/cases/brag_config.h) but not the rules' colours or precedence.
struct BragConfig {
  int window_days = 28;                 // "recently", for arrests, charges, breaches, failed appointments, releases
  int red_failed_appointments = 2;      // unacceptable failures in the window that make Red (one fewer: Amber)
  int amber_significant_pathways = 3;   // significant needs in the latest assessment that make Amber
  double amber_rfg = 60;                // RFG at or above which the latest score makes Amber
  std::vector<BragRule> disabled;       // rules switched off
  bool Enabled(BragRule rule) const;
};

// A person's latest RFG score (from the latest score run), with the day of that run.
struct RfgFact {
  double rfg = 0;
  Date scored_on{};
};

// A manual rating: who asked for it and why, until when, and whether a manager has signed it off. Only a signed-off
// override that has not expired (as_of < expires_on) replaces the computed rating.
struct BragOverride {
  int64_t id = 0;
  BragRating rating = BragRating::kGreen;
  std::string justification;
  Date starts_on{};
  Date expires_on{};
  std::string requested_by;
  std::string approved_by;  // empty until a manager signs it off
  std::optional<Timestamp> approved_at;
  std::optional<Date> ended_on;  // withdrawn early
  bool operator==(const BragOverride&) const = default;
};
// Whether `override_` applies on `as_of`: signed off, started, not expired or ended.
bool OverrideApplies(const BragOverride& override_, Date as_of);

// Everything a rating is computed from. Facts after the day are ignored.
struct BragFacts {
  std::vector<Event> events;
  std::vector<Contact> contacts;
  std::vector<Assessment> assessments;
  std::optional<RfgFact> rfg;
  std::vector<BragOverride> overrides;
};

// One rule that fired, with its fact: "Arrested on 3 March 2026 (shoplifting)".
struct BragReason {
  BragRule rule = BragRule::kInCustody;
  std::string text;
  Date date{};  // the fact's day
  bool operator==(const BragReason&) const = default;
};

struct BragAssessment {
  Date as_of{};
  BragRating computed = BragRating::kGreen;  // by the rules
  bool provisional = false;                  // no pathway assessment on or before as_of
  std::vector<BragReason> reasons;           // every rule that fired, by precedence then date (newest first)
  std::optional<BragOverride> override_;     // the override that applies, if any
  std::optional<BragOverride> pending;       // the latest override awaiting a manager's sign-off, if any
  // The rating shown: the override's where one applies, else the computed one.
  BragRating Shown() const { return override_ ? override_->rating : computed; }
};

BragAssessment AssessBrag(const BragFacts& facts, const BragConfig& config, Date as_of);

// The days on which the rating changed, from `from` to `to`: each fact's day, and each day a fact leaves the window
// or an override starts or ends, are the only days it can change, so the history is exact without evaluating every
// day. Oldest first; the first entry is the rating on `from`.
struct BragChange {
  Date on{};
  BragRating rating = BragRating::kGreen;  // as shown (with any override)
  bool overridden = false;
};
std::vector<BragChange> BragHistory(const BragFacts& facts, const BragConfig& config, Date from, Date to);

}  // namespace openiom
