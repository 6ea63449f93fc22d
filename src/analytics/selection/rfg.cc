#include "analytics/selection/rfg.h"

#include <algorithm>
#include <map>
#include <numeric>

#include <fmt/format.h>

namespace openiom {

Status RfgParameters::Validate() const {
  if (window_days < 1 || window_days > 3650) {
    return Status::Invalid("window_days", fmt::format("must be 1 to 3650, not {}", window_days));
  }
  if (frequency_cap < 1 || frequency_cap > 100) {
    return Status::Invalid("frequency_cap", fmt::format("must be 1 to 100, not {}", frequency_cap));
  }
  for (const auto& [name, weight] : {std::pair{"weight_recency", weight_recency},
                                     std::pair{"weight_frequency", weight_frequency},
                                     std::pair{"weight_gravity", weight_gravity}}) {
    if (weight < 0 || weight > 100) {
      return Status::InvalidArgument(fmt::format("{}: must be a whole per cent 0 to 100, not {}", name, weight));
    }
  }
  if (weight_recency + weight_frequency + weight_gravity != 100) {
    return Status::Invalid("weights", fmt::format("must add up to 100, not {}",
                                               weight_recency + weight_frequency + weight_gravity));
  }
  if (qualifying_kinds == 0) return Status::Invalid("qualifying_kinds", "name at least one event kind");
  return Status::Ok();
}

RfgScale::RfgScale(const RfgParameters& p) : window_(p.window_days), cap_(p.frequency_cap) {
  // RFG = [wR 3 cap (W - d) + wF 3 W min(n, cap) + wG W cap (g - 1)] / (3 W cap); divide the three coefficients
  // by their greatest common divisor to keep the key small (3,650 for the defaults).
  const int64_t a = int64_t{p.weight_recency} * 3 * cap_;
  const int64_t b = int64_t{p.weight_frequency} * 3 * window_;
  const int64_t c = int64_t{p.weight_gravity} * window_ * cap_;
  divisor_ = std::gcd(std::gcd(a, b), c);
  a_ = a / divisor_;
  b_ = b / divisor_;
  c_ = c / divisor_;
  denominator_ = 3 * window_ * cap_;
}

std::string FormatCentis(int64_t centis) {
  const char* sign = centis < 0 ? "-" : "";
  const int64_t magnitude = centis < 0 ? -centis : centis;
  return fmt::format("{}{}.{:02}", sign, magnitude / 100, magnitude % 100);
}

RfgResult ScoreRfg(const std::vector<ScoredEvent>& events, Date as_of, const RfgParameters& parameters,
                   const OffenceScoringTable& table) {
  const RfgScale scale(parameters);
  RfgResult result;
  const Date window_start = as_of - std::chrono::days(parameters.window_days);  // exclusive
  std::vector<const ScoredEvent*> qualifying;
  for (const ScoredEvent& event : events) {
    if (parameters.Qualifies(event.kind) && event.date > window_start && event.date <= as_of) {
      qualifying.push_back(&event);
    }
  }
  std::sort(qualifying.begin(), qualifying.end(), [](const ScoredEvent* x, const ScoredEvent* y) {
    return x->date != y->date ? x->date < y->date : x->id < y->id;
  });
  if (qualifying.empty()) return result;

  std::map<std::string, int> no_category, no_weight, no_cost, unverified_weight, unverified_cost;
  for (const ScoredEvent* event : qualifying) {
    result.events.push_back(event->id);
    int gravity = 1;
    const OffenceScoring* scoring = event->category.empty() ? nullptr : table.Find(event->category);
    if (scoring == nullptr) {
      ++no_category[FormatIsoDate(event->date)];
    } else {
      gravity = scoring->gravity;
      result.harm += scoring->severity_weight.value_or(0);
      result.cost += scoring->unit_cost_gbp.value_or(0);
      if (scoring->severity_status == FigureStatus::kNone) ++no_weight[scoring->code];
      if (scoring->severity_status == FigureStatus::kCheck) ++unverified_weight[scoring->code];
      if (scoring->unit_cost_status == FigureStatus::kNone) ++no_cost[scoring->code];
      if (scoring->unit_cost_status == FigureStatus::kCheck) ++unverified_cost[scoring->code];
    }
    result.max_gravity = std::max(result.max_gravity, gravity);
  }
  result.n = static_cast<int64_t>(qualifying.size());
  result.latest = qualifying.back()->date;
  result.days_since_latest = (as_of - *result.latest).count();
  result.key = scale.Key(result.n, result.days_since_latest, result.max_gravity);
  result.r_centis = scale.RecencyCentis(result.days_since_latest);
  result.f_centis = scale.FrequencyCentis(result.n);
  result.g_centis = scale.GravityCentis(result.max_gravity);
  result.rfg_centis = scale.RfgCentis(result.key);

  const auto list = [](const std::map<std::string, int>& counts) {
    std::string text;
    for (const auto& [what, count] : counts) {
      text += fmt::format("{}{} ({})", text.empty() ? "" : ", ", what, count);
    }
    return text;
  };
  if (!no_category.empty()) {
    result.reasons.push_back(
        fmt::format("gravity: events with no offence category were taken as gravity 1 — {}", list(no_category)));
  }
  if (!no_weight.empty()) {
    result.reasons.push_back(fmt::format("harm: no published severity weight, counted as 0 — {}", list(no_weight)));
  }
  if (!unverified_weight.empty()) {
    result.reasons.push_back(fmt::format("harm: unverified severity weights used — {}", list(unverified_weight)));
  }
  if (!no_cost.empty()) {
    result.reasons.push_back(fmt::format("cost: no published unit cost, counted as 0 — {}", list(no_cost)));
  }
  if (!unverified_cost.empty()) {
    result.reasons.push_back(fmt::format("cost: unverified unit costs used — {}", list(unverified_cost)));
  }
  result.provisional = !result.reasons.empty();
  return result;
}

}  // namespace openiom
