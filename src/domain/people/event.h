// Events in a nominal's history: arrests, charges, disposals, drug tests, custody, warrants, ASB.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

using EventId = int64_t;

enum class EventKind {
  kArrest, kCharge, kConviction, kCaution, kDrugTest, kCustodyStart, kRelease, kWarrant, kRecall, kBreach,
  kAsbIncident,
};
inline constexpr Term<EventKind> kEventKindTerms[] = {
    {EventKind::kArrest, "arrest", "Arrest"},
    {EventKind::kCharge, "charge", "Charge"},
    {EventKind::kConviction, "conviction", "Conviction"},
    {EventKind::kCaution, "caution", "Caution"},
    {EventKind::kDrugTest, "drug_test", "Drug test"},
    {EventKind::kCustodyStart, "custody_start", "Custody started"},
    {EventKind::kRelease, "release", "Released from custody"},
    {EventKind::kWarrant, "warrant", "Warrant issued"},
    {EventKind::kRecall, "recall", "Recalled to custody"},
    {EventKind::kBreach, "breach", "Breach"},
    {EventKind::kAsbIncident, "asb_incident", "Anti-social behaviour incident"},
};
constexpr const auto& TermsOf(EventKind) { return kEventKindTerms; }
static_assert(InEnumOrder(kEventKindTerms));
inline constexpr auto kAllEventKinds = All<EventKind>();

inline std::string_view EventKindCode(EventKind kind) { return CodeOf(kind); }
inline std::string_view EventKindLabel(EventKind kind) { return LabelOf(kind); }
inline std::optional<EventKind> EventKindFromCode(std::string_view code) { return Parse<EventKind>(code); }

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
// A recall is open when no custody started on or after the day of the recall (the person is unlawfully at large
// until returned to custody). The open ones, newest first.
std::vector<Event> OpenRecalls(const std::vector<Event>& events);

// Names of the fields in which two records of the same event differ ("event_date", "outcome", ...), comparing
// person, kind, dates, category, outcome, LSOA and location (to within 1e-6 degrees). Empty when the same.
std::vector<std::string> EventDifferences(const Event& a, const Event& b);

}  // namespace openiom
