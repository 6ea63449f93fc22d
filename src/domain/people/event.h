// Events in a nominal's history: arrests, charges, disposals, drug tests, custody, warrants, ASB.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "domain/people/person.h"

namespace openiom {

using EventId = int64_t;

enum class EventKind {
  kArrest, kCharge, kConviction, kCaution, kDrugTest, kCustodyStart, kRelease, kWarrant, kRecall, kBreach,
  kAsbIncident,
};
inline constexpr EventKind kAllEventKinds[] = {
    EventKind::kArrest,       EventKind::kCharge,  EventKind::kConviction, EventKind::kCaution,
    EventKind::kDrugTest,     EventKind::kCustodyStart, EventKind::kRelease, EventKind::kWarrant,
    EventKind::kRecall,       EventKind::kBreach,  EventKind::kAsbIncident};

// "arrest", "charge", ..., "asb_incident".
std::string_view EventKindCode(EventKind kind);
std::string_view EventKindLabel(EventKind kind);  // "Arrest", "Custody started", ...
std::optional<EventKind> EventKindFromCode(std::string_view code);

// Arrests, charges, convictions and cautions are for an offence and must name its category.
bool RequiresOffenceCategory(EventKind kind);
// Convictions and cautions record when the offence was committed (it may be long before the disposal).
bool HasOffenceDate(EventKind kind);

// The outcomes a drug test may have (drug_test events must carry one).
inline constexpr std::string_view kDrugTestOutcomes[] = {"positive_opiates", "positive_cocaine", "positive_both",
                                                         "negative"};
bool IsDrugTestOutcome(std::string_view outcome);
// For people: a drug test outcome's label ("Positive for cocaine"); any other outcome is free text, shown as it is.
std::string_view EventOutcomeLabel(std::string_view outcome);

struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

// True inside a box around the United Kingdom including Northern Ireland (lat 49.8-60.95, lon -8.7-1.8).
bool IsInsideUk(const GeoPoint& point);

struct Event {
  EventId id = 0;
  PersonId person_id = 0;
  EventKind kind = EventKind::kArrest;
  Date event_date{};
  std::optional<Date> offence_date;  // convictions and cautions; defaults to event_date
  std::string offence_category;      // code from the offence category catalogue, or empty
  std::string outcome;               // free text, or a drug test outcome
  std::optional<GeoPoint> location;
  std::string lsoa_code;             // or empty
  std::string source_system;         // with source_record_id, identifies the record where it came from
  std::string source_record_id;
  Timestamp recorded_at{};           // when OpenIOM recorded it
};

// A warrant is open when no arrest or custody started on or after the day it was issued (the person has not
// been brought in since). The same rule is applied in SQL by PersonRepository::Search.
bool HasOpenWarrant(const std::vector<Event>& events);
// The warrants that are open by that rule, newest first (by event date, then id).
std::vector<Event> OpenWarrants(const std::vector<Event>& events);

// Names of the fields in which two records of the same event differ ("event_date", "outcome", ...), comparing
// person, kind, dates, category, outcome, LSOA and location (to within 1e-6 degrees). Empty when the same.
std::vector<std::string> EventDifferences(const Event& a, const Event& b);

}  // namespace openiom
