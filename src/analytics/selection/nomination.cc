#include "analytics/selection/nomination.h"

#include <fmt/format.h>

namespace openiom {

Status NominationRule::Validate() const {
  if (name.empty() || name.size() > 40) return Status::Invalid("name", "must be 1 to 40 characters");
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
      return Status::InvalidArgument(
          fmt::format("name: '{}' may use only lower-case letters, digits, - and _", name));
    }
  }
  if (explanation.empty()) return Status::InvalidArgument(fmt::format("{}: explanation is empty", name));
  if (min_events < 0 || min_acquisitive_events < 0 || min_age < 0 || min_rfg_centis < -1 || min_rfg_centis > 10000) {
    return Status::InvalidArgument(fmt::format("{}: thresholds must not be negative (min_rfg 0 to 100)", name));
  }
  if (min_events == 0 && min_acquisitive_events == 0 && min_rfg_centis < 0) {
    return Status::InvalidArgument(
        fmt::format("{}: set at least one of min_events, min_acquisitive_events or min_rfg", name));
  }
  return Status::Ok();
}

std::vector<NominationRule> DefaultNominationRules() {
  return {
      {.name = "acquisitive-4",
       .explanation = "Arrested 4 or more times for acquisitive crime in the window, aged 18 or over, and not "
                      "already in the cohort.",
       .min_acquisitive_events = 4,
       .min_age = 18},
      {.name = "prolific-10",
       .explanation = "Arrested 10 or more times in the window and not already in the cohort.",
       .min_events = 10},
      {.name = "high-rfg",
       .explanation = "Recency, frequency and gravity score of 60 or more and not already in the cohort.",
       .min_rfg_centis = 6000},
  };
}

std::vector<FiredRule> EvaluateNominationRules(const std::vector<NominationRule>& rules, const NominationFacts& facts,
                                               const RfgScale& scale) {
  std::vector<FiredRule> fired;
  for (const NominationRule& rule : rules) {
    std::vector<std::string> because;
    if (rule.min_events > 0) {
      if (facts.n < rule.min_events) continue;
      because.push_back(fmt::format("{} qualifying events in the window (needs {})", facts.n, rule.min_events));
    }
    if (rule.min_acquisitive_events > 0) {
      if (facts.acquisitive_n < rule.min_acquisitive_events) continue;
      because.push_back(fmt::format("{} acquisitive-crime events in the window (needs {})", facts.acquisitive_n,
                                    rule.min_acquisitive_events));
    }
    if (rule.min_rfg_centis >= 0) {
      if (facts.n == 0 || !scale.AtLeast(facts.rfg_key, rule.min_rfg_centis)) continue;
      because.push_back(fmt::format("RFG {} (needs {})", FormatCentis(scale.RfgCentis(facts.rfg_key)),
                                    FormatCentis(rule.min_rfg_centis)));
    }
    if (rule.min_age > 0) {
      if (!facts.age || *facts.age < rule.min_age) continue;
      because.push_back(fmt::format("aged {} (needs {} or over)", *facts.age, rule.min_age));
    }
    if (rule.not_in_cohort) {
      if (facts.in_cohort) continue;
      because.push_back("not in the cohort");
    }
    std::string reason;
    for (const std::string& part : because) reason += (reason.empty() ? "" : "; ") + part;
    fired.push_back({rule.name, std::move(reason)});
  }
  return fired;
}

}  // namespace openiom
