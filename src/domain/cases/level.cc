#include "domain/cases/level.h"

#include <algorithm>
#include <chrono>
#include <tuple>

#include <fmt/format.h>

namespace openiom {

namespace {

constexpr std::chrono::days kYear{365};

// Later day first, then later id: the one in force.
bool Later(const LevelChange& a, const LevelChange& b) { return std::tie(a.on, a.id) > std::tie(b.on, b.id); }

std::vector<Event> SortedUpTo(const std::vector<Event>& events, Date as_of) {
  std::vector<Event> kept;
  for (const Event& event : events) {
    if (event.event_date <= as_of) kept.push_back(event);
  }
  std::sort(kept.begin(), kept.end(),
            [](const Event& a, const Event& b) { return std::tie(a.event_date, a.id) < std::tie(b.event_date, b.id); });
  return kept;
}

bool InCustody(const std::vector<Event>& sorted) {
  bool in = false;
  for (const Event& event : sorted) {
    if (event.kind == EventKind::kCustodyStart) in = true;
    if (event.kind == EventKind::kRelease) in = false;
  }
  return in;
}

std::optional<LevelRule> UpRule(EventKind kind) {
  switch (kind) {
    case EventKind::kArrest: return LevelRule::kUpArrest;
    case EventKind::kCharge: return LevelRule::kUpCharge;
    case EventKind::kWarrant: return LevelRule::kUpWarrant;
    case EventKind::kRecall: return LevelRule::kUpRecall;
    default: return std::nullopt;
  }
}

// Whether a decision already answered a suggestion like this one.
bool Answered(const LevelSuggestion& suggestion, const std::vector<LevelDecision>& decisions,
              const LevelConfig& config, Date as_of) {
  return std::any_of(decisions.begin(), decisions.end(), [&](const LevelDecision& d) {
    if (d.direction != suggestion.direction || d.from != suggestion.from || d.decided_on > as_of) return false;
    if (suggestion.direction == LevelDirection::kUp) return d.facts_through >= suggestion.facts_through;
    return as_of < d.decided_on + std::chrono::days(config.dismissed_down_days);
  });
}

ServiceLevel Step(ServiceLevel level, int by) {
  return static_cast<ServiceLevel>(static_cast<int>(level) + by);
}

}  // namespace

int LevelNumber(ServiceLevel level) { return static_cast<int>(level) + 1; }

bool NeedsEndDate(CaseScheme scheme) { return scheme == CaseScheme::kDrr || scheme == CaseScheme::kScpo; }

bool NeedsEndDate(StatutoryKind kind) { return kind != StatutoryKind::kVoluntary; }

bool SchemeCurrent(const SchemeMembership& m, Date day) {
  return m.starts_on <= day && !(m.left_on && *m.left_on <= day) && !(m.ends_on && *m.ends_on < day);
}

std::optional<StatutoryStatus> StatusOn(const std::vector<StatutoryStatus>& statuses, Date day) {
  const StatutoryStatus* latest = nullptr;
  for (const StatutoryStatus& status : statuses) {
    if (status.starts_on > day) continue;
    if (latest == nullptr || std::tie(status.starts_on, status.id) > std::tie(latest->starts_on, latest->id)) {
      latest = &status;
    }
  }
  if (latest == nullptr || (latest->ends_on && *latest->ends_on < day)) return std::nullopt;
  return *latest;
}

std::optional<LevelChange> LevelOn(const std::vector<LevelChange>& changes, Date day) {
  const LevelChange* latest = nullptr;
  for (const LevelChange& change : changes) {
    if (change.on <= day && (latest == nullptr || Later(change, *latest))) latest = &change;
  }
  if (latest == nullptr) return std::nullopt;
  return *latest;
}

std::optional<LevelSuggestion> SuggestLevel(const LevelFacts& facts, const LevelConfig& config, Date as_of) {
  const std::optional<LevelChange> level = LevelOn(facts.changes, as_of);
  if (!level) return std::nullopt;
  const std::vector<Event> events = SortedUpTo(facts.events, as_of);
  if (InCustody(events)) return std::nullopt;

  if (level->level != ServiceLevel::kIntensive) {
    LevelSuggestion up{.direction = LevelDirection::kUp, .from = level->level, .to = Step(level->level, -1)};
    for (const Event& event : events) {
      if (event.event_date <= level->on) continue;
      std::optional<LevelRule> rule = UpRule(event.kind);
      if (!rule && event.kind == EventKind::kRelease && level->level == ServiceLevel::kStandard &&
          WithinDays(event.event_date, as_of, config.release_days)) {
        rule = LevelRule::kUpRelease;
      }
      if (!rule) continue;
      up.reasons.push_back({*rule, fmt::format("{} on {}", LabelOf(event.kind), FormatLongDate(event.event_date)),
                            event.event_date});
      up.facts_through = event.event_date;
    }
    // An answered up suggestion is not made again; whether to move down is still asked.
    if (!up.reasons.empty() && !Answered(up, facts.decisions, config, as_of)) return up;
  }

  if (level->level == ServiceLevel::kStandard) return std::nullopt;
  if (as_of - level->on < std::chrono::days(config.clear_days)) return std::nullopt;
  for (const Event& event : events) {
    if ((event.kind == EventKind::kArrest || event.kind == EventKind::kCharge) &&
        WithinDays(event.event_date, as_of, config.clear_days)) {
      return std::nullopt;
    }
  }
  const ComplianceRate rate = ComplianceOver(facts.contacts, as_of, config.compliance_days);
  if (!rate.Percent() || *rate.Percent() < config.down_compliance) return std::nullopt;
  LevelSuggestion down{.direction = LevelDirection::kDown, .from = level->level, .to = Step(level->level, 1),
                       .facts_through = as_of};
  down.reasons.push_back(
      {LevelRule::kDownQuiet,
       fmt::format("No arrest or charge in the {} days to {}, on this level since {}; compliance {:.0f}% ({} of {}) "
                   "over {} days",
                   config.clear_days, FormatLongDate(as_of), FormatLongDate(level->on), *rate.Percent(), rate.complied,
                   rate.counted, config.compliance_days),
       as_of});
  if (Answered(down, facts.decisions, config, as_of)) return std::nullopt;
  return down;
}

FieldProblems LevelChangeProblems(const LevelChange& change, const std::vector<LevelChange>& existing, Date today) {
  FieldProblems problems;
  if (change.reason.size() < kMinLevelReason) {
    problems.push_back({"reason", fmt::format("must say why, in at least {} characters", kMinLevelReason)});
  } else if (change.reason.size() > kMaxLevelReason) {
    problems.push_back({"reason", fmt::format("must be {} characters or fewer", kMaxLevelReason)});
  }
  if (change.on > today) {
    problems.push_back({"on", "must be today or in the past"});
  } else if (change.on < today - kYear) {
    problems.push_back({"on", "must be within the last year"});
  }
  if (const std::optional<LevelChange> current = LevelOn(existing, change.on);
      current && current->level == change.level) {
    problems.push_back({"level", fmt::format("is the level already, since {}", FormatLongDate(current->on))});
  }
  return problems;
}

FieldProblems SchemeProblems(const SchemeMembership& m, const std::vector<SchemeMembership>& existing, Date today) {
  FieldProblems problems;
  if (m.starts_on > today + kYear || m.starts_on < today - kYear) {
    problems.push_back({"starts_on", "must be within a year of today"});
  }
  if (NeedsEndDate(m.scheme) && !m.ends_on) {
    problems.push_back({"ends_on", fmt::format("is needed: {} is an order with an end date", CodeOf(m.scheme))});
  } else if (m.ends_on && *m.ends_on <= m.starts_on) {
    problems.push_back({"ends_on", "must be after the start"});
  } else if (m.ends_on && *m.ends_on > today + 10 * kYear) {
    problems.push_back({"ends_on", "must be within ten years"});
  }
  for (const SchemeMembership& other : existing) {
    if (other.id != m.id && other.scheme == m.scheme && SchemeCurrent(other, m.starts_on)) {
      problems.push_back({"scheme", fmt::format("is one they are on already, since {}", FormatLongDate(other.starts_on))});
      break;
    }
  }
  return problems;
}

FieldProblems StatutoryProblems(const StatutoryStatus& status, Date today) {
  FieldProblems problems;
  if (status.starts_on > today + kYear || status.starts_on < today - kYear) {
    problems.push_back({"starts_on", "must be within a year of today"});
  }
  if (NeedsEndDate(status.kind) && !status.ends_on) {
    problems.push_back({"ends_on", "is needed: the licence, order or supervision ends on a day"});
  } else if (!NeedsEndDate(status.kind) && status.ends_on) {
    problems.push_back({"ends_on", "must be left empty for voluntary engagement"});
  } else if (status.ends_on && *status.ends_on <= status.starts_on) {
    problems.push_back({"ends_on", "must be after the start"});
  }
  return problems;
}

}  // namespace openiom
