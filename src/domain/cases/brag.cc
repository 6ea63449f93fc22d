#include "domain/cases/brag.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "domain/reference/reference_data.h"

namespace openiom {

namespace {

bool Before(const Event& a, const Event& b) { return std::tie(a.event_date, a.id) < std::tie(b.event_date, b.id); }

// "Arrested on 3 March 2026 (Shoplifting)": the event's label, day and offence, as the reasons name a fact.
std::string EventText(const Event& event) {
  std::string text = fmt::format("{} on {}", EventKindLabel(event.kind), FormatLongDate(event.event_date));
  if (const OffenceCategory* category = OffenceCategoryCatalogue::BuiltIn().Find(event.offence_category)) {
    text += fmt::format(" ({})", category->name);
  }
  return text;
}

std::string ContactText(const Contact& contact) {
  return fmt::format("{} on {} with {}: {}", LabelOf(contact.kind), FormatLongDate(contact.on),
                     contact.agency.empty() ? "the team" : contact.agency,
                     contact.outcome ? LabelOf(*contact.outcome) : "no outcome");
}

// The facts as they stood on `as_of`: events on or before it, in order (day, then id).
std::vector<Event> EventsUpTo(const std::vector<Event>& events, Date as_of) {
  std::vector<Event> known;
  for (const Event& event : events) {
    if (event.event_date <= as_of) known.push_back(event);
  }
  std::sort(known.begin(), known.end(), Before);
  return known;
}

}  // namespace

BragRating RatingOf(BragRule rule) {
  switch (rule) {
    case BragRule::kInCustody:
      return BragRating::kBlue;
    case BragRule::kRecentArrestOrCharge:
    case BragRule::kOpenWarrant:
    case BragRule::kOpenRecall:
    case BragRule::kRecentBreach:
    case BragRule::kRepeatedFailedAppointments:
      return BragRating::kRed;
    case BragRule::kSignificantNeeds:
    case BragRule::kFailedAppointment:
    case BragRule::kRecentRelease:
    case BragRule::kHighRfg:
      return BragRating::kAmber;
  }
  return BragRating::kGreen;
}

bool BragConfig::Enabled(BragRule rule) const {
  return std::find(disabled.begin(), disabled.end(), rule) == disabled.end();
}

bool OverrideApplies(const BragOverride& override_, Date as_of) {
  return !override_.approved_by.empty() && override_.starts_on <= as_of && as_of < override_.expires_on &&
         (!override_.ended_on || as_of < *override_.ended_on);
}

BragAssessment AssessBrag(const BragFacts& facts, const BragConfig& config, Date as_of) {
  BragAssessment result{.as_of = as_of};
  const std::vector<Event> events = EventsUpTo(facts.events, as_of);
  const int window = config.window_days;
  auto fire = [&](BragRule rule, std::string text, Date date) {
    if (config.Enabled(rule)) result.reasons.push_back({rule, std::move(text), date});
  };

  // Blue: the latest custody start with no release after it.
  const Event* custody = nullptr;
  bool released_since = false;
  for (const Event& event : events) {
    if (event.kind == EventKind::kCustodyStart) {
      custody = &event;
      released_since = false;
    } else if (event.kind == EventKind::kRelease && custody != nullptr) {
      released_since = true;
    }
  }
  if (custody != nullptr && !released_since) {
    fire(BragRule::kInCustody, "In custody since " + FormatLongDate(custody->event_date), custody->event_date);
  }

  // Red.
  for (const Event& event : events) {
    if ((event.kind == EventKind::kArrest || event.kind == EventKind::kCharge) &&
        WithinDays(event.event_date, as_of, window)) {
      fire(BragRule::kRecentArrestOrCharge, EventText(event), event.event_date);
    }
  }
  for (const Event& warrant : OpenWarrants(events)) {
    fire(BragRule::kOpenWarrant, EventText(warrant) + ", with no arrest or custody since", warrant.event_date);
  }
  for (const Event& recall : OpenRecalls(events)) {
    fire(BragRule::kOpenRecall, EventText(recall) + ", with no custody since", recall.event_date);
  }
  for (const Event& event : events) {
    if (event.kind == EventKind::kBreach && WithinDays(event.event_date, as_of, window)) {
      fire(BragRule::kRecentBreach, EventText(event), event.event_date);
    }
  }
  std::vector<const Contact*> failed;
  for (const Contact& contact : facts.contacts) {
    if (contact.outcome == ContactOutcome::kFailedUnacceptable && WithinDays(contact.on, as_of, window)) {
      failed.push_back(&contact);
    }
  }
  std::sort(failed.begin(), failed.end(), [](const Contact* a, const Contact* b) {
    return std::tie(a->on, a->id) > std::tie(b->on, b->id);
  });
  // Failures at the Red threshold make Red; one fewer (but at least one) makes Amber.
  const int failures = static_cast<int>(failed.size());
  std::optional<BragRule> failure_rule;
  if (failures >= config.red_failed_appointments) {
    failure_rule = BragRule::kRepeatedFailedAppointments;
  } else if (failures > 0 && failures == config.red_failed_appointments - 1) {
    failure_rule = BragRule::kFailedAppointment;
  }
  if (failure_rule) {
    for (const Contact* contact : failed) fire(*failure_rule, ContactText(*contact), contact->on);
  }

  // Amber.
  const std::optional<Assessment> latest = LatestAssessment(facts.assessments, as_of);
  result.provisional = !latest.has_value();
  if (latest && latest->SignificantCount() >= config.amber_significant_pathways) {
    std::string pathways;
    for (const PathwayNeed& need : latest->needs) {
      if (need.level == NeedLevel::kSignificant) pathways += (pathways.empty() ? "" : ", ") + std::string(LabelOf(need.pathway));
    }
    fire(BragRule::kSignificantNeeds,
         fmt::format("Significant need on {} pathways in the assessment of {}: {}", latest->SignificantCount(),
                     FormatLongDate(latest->assessed_on), pathways),
         latest->assessed_on);
  }
  for (const Event& event : events) {
    if (event.kind == EventKind::kRelease && WithinDays(event.event_date, as_of, window)) {
      fire(BragRule::kRecentRelease, EventText(event), event.event_date);
    }
  }
  if (facts.rfg && facts.rfg->scored_on <= as_of && facts.rfg->rfg >= config.amber_rfg) {
    fire(BragRule::kHighRfg,
         fmt::format("RFG {:.2f} (at least {:g}) in the score run of {}", facts.rfg->rfg, config.amber_rfg,
                     FormatLongDate(facts.rfg->scored_on)),
         facts.rfg->scored_on);
  }

  // Precedence, then the newest fact first within a rule's colour.
  std::stable_sort(result.reasons.begin(), result.reasons.end(), [](const BragReason& a, const BragReason& b) {
    const auto rank = [](const BragReason& r) { return static_cast<int>(RatingOf(r.rule)); };
    if (rank(a) != rank(b)) return rank(a) < rank(b);
    return a.date > b.date;
  });
  result.computed = result.reasons.empty() ? BragRating::kGreen : RatingOf(result.reasons.front().rule);

  for (const BragOverride& candidate : facts.overrides) {
    if (OverrideApplies(candidate, as_of) && (!result.override_ || candidate.id > result.override_->id)) {
      result.override_ = candidate;
    }
    if (candidate.approved_by.empty() && !candidate.ended_on && candidate.expires_on > as_of &&
        (!result.pending || candidate.id > result.pending->id)) {
      result.pending = candidate;
    }
  }
  return result;
}

std::vector<BragChange> BragHistory(const BragFacts& facts, const BragConfig& config, Date from, Date to) {
  std::set<Date> days{from};
  const std::chrono::days leaves(config.window_days + 1);  // the first day a fact no longer counts as recent
  auto add = [&](Date day) {
    if (day > from && day <= to) days.insert(day);
  };
  for (const Event& event : facts.events) {
    add(event.event_date);
    add(event.event_date + leaves);
  }
  for (const Contact& contact : facts.contacts) {
    add(contact.on);
    add(contact.on + leaves);
  }
  for (const Assessment& assessment : facts.assessments) add(assessment.assessed_on);
  if (facts.rfg) add(facts.rfg->scored_on);
  for (const BragOverride& override_ : facts.overrides) {
    add(override_.starts_on);
    add(override_.expires_on);
    if (override_.ended_on) add(*override_.ended_on);
  }
  std::vector<BragChange> history;
  for (const Date day : days) {
    const BragAssessment on_day = AssessBrag(facts, config, day);
    const BragChange change{day, on_day.Shown(), on_day.override_.has_value()};
    if (history.empty() || history.back().rating != change.rating || history.back().overridden != change.overridden) {
      history.push_back(change);
    }
  }
  return history;
}

}  // namespace openiom
