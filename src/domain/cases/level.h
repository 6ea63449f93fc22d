// Service levels, schemes and statutory status: where a cohort member sits in the IOM pyramid (1 = PPO intensive,
// 2 = HCC enhanced, 3 = standard IOM), the schemes they are managed under, and the order or licence that makes their
// supervision statutory (or that they engage voluntarily). Every move up or down is kept with its day, reason and who.
// Suggestions to move are worked out from the facts (events, contacts) on the day asked, with the rules that fired,
// and a manager accepts or dismisses them with a reason.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/cases/contact.h"
#include "domain/people/event.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

// The pyramid, most intensive first: the enum's order is the level's number (LevelNumber).
enum class ServiceLevel { kIntensive, kEnhanced, kStandard };
inline constexpr Term<ServiceLevel> kServiceLevelTerms[] = {
    {ServiceLevel::kIntensive, "intensive", "Level 1: PPO intensive"},
    {ServiceLevel::kEnhanced, "enhanced", "Level 2: HCC enhanced"},
    {ServiceLevel::kStandard, "standard", "Level 3: standard IOM"},
};
constexpr const auto& TermsOf(ServiceLevel) { return kServiceLevelTerms; }
static_assert(InEnumOrder(kServiceLevelTerms));

// 1, 2 or 3.
int LevelNumber(ServiceLevel level);

// The schemes a person is managed under; several at once. DRR and SCPO are orders with an end date.
enum class CaseScheme { kPpo, kHcc, kDip, kDrr, kScpo, kDvMatac, kWomen, kYoungAdult };
inline constexpr Term<CaseScheme> kCaseSchemeTerms[] = {
    {CaseScheme::kPpo, "ppo", "PPO (prolific and priority offenders)"},
    {CaseScheme::kHcc, "hcc", "HCC (high crime causers)"},
    {CaseScheme::kDip, "dip", "DIP (drug interventions programme)"},
    {CaseScheme::kDrr, "drr", "DRR (drug rehabilitation requirement)"},
    {CaseScheme::kScpo, "scpo", "SCPO (serious crime prevention order)"},
    {CaseScheme::kDvMatac, "dv_matac", "DV / MATAC (domestic abuse perpetrators)"},
    {CaseScheme::kWomen, "women", "Women's cohort"},
    {CaseScheme::kYoungAdult, "young_adult", "Young adult in transition from youth services"},
};
constexpr const auto& TermsOf(CaseScheme) { return kCaseSchemeTerms; }
static_assert(InEnumOrder(kCaseSchemeTerms));

// DRR and SCPO are court orders that end on a day: they need it.
bool NeedsEndDate(CaseScheme scheme);

// What makes supervision statutory, or its absence (voluntary engagement).
enum class StatutoryKind { kLicence, kCommunityOrder, kPostSentenceSupervision, kVoluntary };
inline constexpr Term<StatutoryKind> kStatutoryKindTerms[] = {
    {StatutoryKind::kLicence, "licence", "On licence"},
    {StatutoryKind::kCommunityOrder, "community_order", "Community order"},
    {StatutoryKind::kPostSentenceSupervision, "post_sentence_supervision", "Post-sentence supervision"},
    {StatutoryKind::kVoluntary, "voluntary", "Voluntary engagement"},
};
constexpr const auto& TermsOf(StatutoryKind) { return kStatutoryKindTerms; }
static_assert(InEnumOrder(kStatutoryKindTerms));

// A licence, order or supervision ends on a day; voluntary engagement has none.
bool NeedsEndDate(StatutoryKind kind);

enum class LevelDirection { kUp, kDown };
inline constexpr Term<LevelDirection> kLevelDirectionTerms[] = {
    {LevelDirection::kUp, "up", "Move up"},
    {LevelDirection::kDown, "down", "Move down"},
};
constexpr const auto& TermsOf(LevelDirection) { return kLevelDirectionTerms; }
static_assert(InEnumOrder(kLevelDirectionTerms));

enum class LevelDecisionKind { kAccepted, kDismissed };
inline constexpr Term<LevelDecisionKind> kLevelDecisionKindTerms[] = {
    {LevelDecisionKind::kAccepted, "accepted", "Accepted"},
    {LevelDecisionKind::kDismissed, "dismissed", "Dismissed"},
};
constexpr const auto& TermsOf(LevelDecisionKind) { return kLevelDecisionKindTerms; }
static_assert(InEnumOrder(kLevelDecisionKindTerms));

// One move of a person's level (the first one puts them on the pyramid).
struct LevelChange {
  int64_t id = 0;
  PersonId person_id = 0;
  ServiceLevel level = ServiceLevel::kStandard;
  Date on{};
  std::string reason, changed_by;
  Timestamp changed_at{};
};

struct SchemeMembership {
  int64_t id = 0;
  PersonId person_id = 0;
  CaseScheme scheme = CaseScheme::kPpo;
  Date starts_on{};
  std::optional<Date> ends_on;  // the order's end (DRR, SCPO), or none
  std::optional<Date> left_on;  // taken off the scheme early, or none
  std::string reason, added_by, left_by;
  int version = 1;
};

// On the scheme on `day`: started, not taken off and the order not yet ended (the end day still counts).
bool SchemeCurrent(const SchemeMembership& membership, Date day);

struct StatutoryStatus {
  int64_t id = 0;
  PersonId person_id = 0;
  StatutoryKind kind = StatutoryKind::kVoluntary;
  Date starts_on{};
  std::optional<Date> ends_on;
  std::string recorded_by;
  Timestamp recorded_at{};
};

// The status in force on `day`: the latest (by start, then id) that started on or before it and has not ended
// before it. None when there is none, or the latest has ended.
std::optional<StatutoryStatus> StatusOn(const std::vector<StatutoryStatus>& statuses, Date day);

// A manager's answer to a suggestion.
struct LevelDecision {
  int64_t id = 0;
  PersonId person_id = 0;
  LevelDirection direction = LevelDirection::kUp;
  ServiceLevel from = ServiceLevel::kStandard, to = ServiceLevel::kStandard;
  LevelDecisionKind decision = LevelDecisionKind::kDismissed;
  Date facts_through{};  // the newest fact behind the suggestion answered
  Date decided_on{};
  std::string reason, decided_by;
};

// The suggestion rules' parameters (docs/cases.md); set like the BRAG rules' (services/cases/level_config.h).
struct LevelConfig {
  int clear_days = 180;             // down: no arrest or charge in this many days, on the level at least as long
  double down_compliance = 90;      // down: compliance at least this percentage...
  int compliance_days = 90;         // ...over this many days, with at least one appointment counted
  int release_days = 28;            // up from level 3: released from custody this many days ago or fewer
  int dismissed_down_days = 90;     // a dismissed down suggestion is not made again for this many days
};

enum class LevelRule { kUpArrest, kUpCharge, kUpWarrant, kUpRecall, kUpRelease, kDownQuiet };
inline constexpr Term<LevelRule> kLevelRuleTerms[] = {
    {LevelRule::kUpArrest, "up_arrest", "Arrested since the level was set"},
    {LevelRule::kUpCharge, "up_charge", "Charged since the level was set"},
    {LevelRule::kUpWarrant, "up_warrant", "Warrant issued since the level was set"},
    {LevelRule::kUpRecall, "up_recall", "Recalled since the level was set"},
    {LevelRule::kUpRelease, "up_release", "Released from custody recently"},
    {LevelRule::kDownQuiet, "down_quiet", "No arrest or charge, and complying"},
};
constexpr const auto& TermsOf(LevelRule) { return kLevelRuleTerms; }
static_assert(InEnumOrder(kLevelRuleTerms));

struct LevelReason {
  LevelRule rule = LevelRule::kUpArrest;
  std::string text;  // the fact, in words
  Date date{};       // its day
};

struct LevelSuggestion {
  LevelDirection direction = LevelDirection::kUp;
  ServiceLevel from = ServiceLevel::kStandard, to = ServiceLevel::kStandard;
  std::vector<LevelReason> reasons;  // oldest first
  Date facts_through{};              // the newest fact behind it (the day asked, for a down suggestion)
};

struct LevelFacts {
  std::vector<LevelChange> changes;  // any order
  std::vector<Event> events;
  std::vector<Contact> contacts;
  std::vector<LevelDecision> decisions;
};

// The level in force on `day`: the latest change (by day, then id) on or before it, or none.
std::optional<LevelChange> LevelOn(const std::vector<LevelChange>& changes, Date day);

// The suggestion on `as_of`, if any, counting only facts on or before it. None for someone with no level, or in
// custody (the latest custody_start has no release on or after it). Otherwise, in order:
// - up one level (from 2 or 3) for each arrest, charge, warrant or recall dated after the day the level was set;
//   and from 3, a release from custody within release_days (WithinDays) and after the level was set. Not made when
//   a decision on an up suggestion from the same level covers facts up to the newest of these (facts_through); the
//   down rule below is then still asked.
// - down one level (from 1 or 2) when the level was set at least clear_days ago, there was no arrest or charge in
//   the clear_days up to as_of, and compliance over compliance_days (ComplianceOver) is at least down_compliance
//   with at least one appointment counted. Not made within dismissed_down_days of a decision on a down suggestion
//   from the same level.
std::optional<LevelSuggestion> SuggestLevel(const LevelFacts& facts, const LevelConfig& config, Date as_of);

inline constexpr size_t kMinLevelReason = 10;
inline constexpr size_t kMaxLevelReason = 2000;

// Problems with a move to `level` on `on` (recorded on `today`): no reason (fewer than kMinLevelReason characters) or
// one too long ("reason"), a day after today or more than a year ago ("on"), the level it is already on from an
// earlier or the same day ("level").
FieldProblems LevelChangeProblems(const LevelChange& change, const std::vector<LevelChange>& existing, Date today);

// Problems with a scheme membership as typed: an order (NeedsEndDate) with no end date, an end date not after the
// start, a start more than a year from `today` either way ("starts_on"), an end more than ten years ahead
// ("ends_on"), and being on the same scheme already on the start day ("scheme").
FieldProblems SchemeProblems(const SchemeMembership& membership, const std::vector<SchemeMembership>& existing,
                             Date today);

// Problems with a statutory status as typed: an end date missing (NeedsEndDate) or given for voluntary engagement,
// an end not after the start ("ends_on"), a start more than a year from `today` either way ("starts_on").
FieldProblems StatutoryProblems(const StatutoryStatus& status, Date today);

}  // namespace openiom
