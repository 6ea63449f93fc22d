// The events CSV format (docs/formats/events.md): header check and row validation. Pure: no I/O, the
// current date and the offence categories are passed in.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/people/event.h"
#include "domain/reference/reference_data.h"
#include "services/imports/import_observer.h"

namespace openiom {

enum class EventColumn {
  kSourceId, kPncId, kSurname, kForenames, kDateOfBirth, kGender, kEventType, kEventDate, kOffenceCategory,
  kOffenceDate, kOutcome, kLatitude, kLongitude, kLsoaCode,
};
inline constexpr std::array<std::string_view, 14> kEventCsvColumns = {
    "source_id",  "pnc_id",           "surname",      "forenames", "date_of_birth", "gender",    "event_type",
    "event_date", "offence_category", "offence_date", "outcome",   "latitude",      "longitude", "lsoa_code"};

// Where each column is in a file's header (columns may come in any order).
struct EventCsvHeader {
  std::array<size_t, kEventCsvColumns.size()> position{};
  size_t field_count = 0;
};

// "source_id,pnc_id,...,lsoa_code": the header line the format expects.
std::string EventCsvHeaderLine();

// Each unknown or repeated column of `header` in the header's order, then each missing column in the format's
// order, one phrase each ("unknown column 'DOB'", "missing column pnc_id"); empty when the header is right.
std::vector<std::string> EventCsvHeaderProblems(const std::vector<std::string>& header);

// InvalidArgument naming every missing, unknown or repeated column, and listing the expected header.
Result<EventCsvHeader> ParseEventCsvHeader(const std::vector<std::string>& header);

struct EventRow {
  int64_t line = 0;
  std::string source_id;
  std::string pnc_id;  // canonical form, or empty
  std::string surname;
  std::string forenames;
  Date date_of_birth{};
  Gender gender = Gender::kUnknown;
  Event event;  // kind, dates, category, outcome, location and LSOA; no person or source yet
};

inline constexpr size_t kMaxSourceIdLength = 100;
inline constexpr size_t kMaxOutcomeLength = 200;

// Validates one record against the rules in docs/formats/events.md. Returns true and fills `row` when the
// record is valid; otherwise returns false and appends one FieldProblem per problem found.
bool ParseEventRow(const std::vector<std::string>& fields, const EventCsvHeader& header, int64_t line,
                   const OffenceCategoryCatalogue& categories, Date today, EventRow& row,
                   FieldProblems& errors);

}  // namespace openiom
