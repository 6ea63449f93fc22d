#include "domain/people/event.h"

#include <algorithm>
#include <cmath>

namespace openiom {

std::string_view EventOutcomeLabel(std::string_view outcome) {
  if (outcome == "positive_opiates") return "Positive for opiates";
  if (outcome == "positive_cocaine") return "Positive for cocaine";
  if (outcome == "positive_both") return "Positive for opiates and cocaine";
  if (outcome == "negative") return "Negative";
  return outcome;
}

bool RequiresOffenceCategory(EventKind kind) {
  return kind == EventKind::kArrest || kind == EventKind::kCharge || kind == EventKind::kConviction ||
         kind == EventKind::kCaution;
}

bool HasOffenceDate(EventKind kind) { return kind == EventKind::kConviction || kind == EventKind::kCaution; }

bool IsDrugTestOutcome(std::string_view outcome) {
  for (std::string_view valid : kDrugTestOutcomes) {
    if (outcome == valid) return true;
  }
  return false;
}

bool IsInsideUk(const GeoPoint& point) {
  return point.latitude >= 49.8 && point.latitude <= 60.95 && point.longitude >= -8.7 && point.longitude <= 1.8;
}

bool HasOpenWarrant(const std::vector<Event>& events) { return !OpenWarrants(events).empty(); }

namespace {

// The events of `kind` with no event closing them (of a kind `closes`) on or after their day, newest first.
std::vector<Event> Unanswered(const std::vector<Event>& events, EventKind kind, std::initializer_list<EventKind> closes) {
  std::vector<Event> open;
  for (const Event& event : events) {
    if (event.kind != kind) continue;
    const bool closed = std::any_of(events.begin(), events.end(), [&](const Event& later) {
      return std::find(closes.begin(), closes.end(), later.kind) != closes.end() &&
             later.event_date >= event.event_date;
    });
    if (!closed) open.push_back(event);
  }
  std::sort(open.begin(), open.end(), [](const Event& a, const Event& b) {
    return a.event_date != b.event_date ? a.event_date > b.event_date : a.id > b.id;
  });
  return open;
}

}  // namespace

std::vector<Event> OpenWarrants(const std::vector<Event>& events) {
  return Unanswered(events, EventKind::kWarrant, {EventKind::kArrest, EventKind::kCustodyStart});
}

std::vector<Event> OpenRecalls(const std::vector<Event>& events) {
  return Unanswered(events, EventKind::kRecall, {EventKind::kCustodyStart});
}

std::vector<std::string> EventDifferences(const Event& a, const Event& b) {
  std::vector<std::string> fields;
  if (a.person_id != b.person_id) fields.emplace_back("person");
  if (a.kind != b.kind) fields.emplace_back("event_type");
  if (a.event_date != b.event_date) fields.emplace_back("event_date");
  if (a.offence_date != b.offence_date) fields.emplace_back("offence_date");
  if (a.offence_category != b.offence_category) fields.emplace_back("offence_category");
  if (a.outcome != b.outcome) fields.emplace_back("outcome");
  if (a.lsoa_code != b.lsoa_code) fields.emplace_back("lsoa_code");
  constexpr double kTolerance = 1e-6;
  const bool same_location =
      a.location.has_value() == b.location.has_value() &&
      (!a.location || (std::fabs(a.location->latitude - b.location->latitude) <= kTolerance &&
                       std::fabs(a.location->longitude - b.location->longitude) <= kTolerance));
  if (!same_location) fields.emplace_back("location");
  return fields;
}

}  // namespace openiom
