#include "services/imports/event_csv.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "domain/people/identifier.h"

namespace openiom {
namespace {

// Collects the errors of one row, each naming its column.
class RowChecker {
 public:
  RowChecker(const std::vector<std::string>& fields, const EventCsvHeader& header, int64_t line,
             FieldProblems& errors)
      : fields_(fields), header_(header), line_(line), errors_(errors) {}

  std::string_view Field(EventColumn column) const {
    return Trim(fields_[header_.position[static_cast<size_t>(column)]]);
  }
  void Fail(EventColumn column, std::string reason) {
    errors_.push_back({std::string(kEventCsvColumns[static_cast<size_t>(column)]), std::move(reason), line_});
    ok_ = false;
  }
  bool ok() const { return ok_; }

  // A required date, not in the future.
  std::optional<Date> RequiredDate(EventColumn column, Date today) {
    const std::string_view text = Field(column);
    if (text.empty()) {
      Fail(column, "is required (YYYY-MM-DD)");
      return std::nullopt;
    }
    return CheckedDate(column, text, today);
  }

  std::optional<Date> CheckedDate(EventColumn column, std::string_view text, Date today) {
    auto date = ParseIsoDate(text);
    if (!date.ok()) {
      Fail(column, date.status().message());
      return std::nullopt;
    }
    if (*date > today) {
      Fail(column, fmt::format("{} is in the future", text));
      return std::nullopt;
    }
    return *date;
  }

 private:
  const std::vector<std::string>& fields_;
  const EventCsvHeader& header_;
  int64_t line_;
  FieldProblems& errors_;
  bool ok_ = true;
};

// Identifiers must be one clean line; free text (outcome) may also hold tabs and line breaks.
bool HasControlCharacter(std::string_view text, bool allow_whitespace = false) {
  for (char c : text) {
    if (allow_whitespace && (c == '\t' || c == '\n' || c == '\r')) continue;
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

}  // namespace

std::string EventCsvHeaderLine() {
  std::string header;
  for (std::string_view column : kEventCsvColumns) {
    if (!header.empty()) header += ',';
    header += column;
  }
  return header;
}

std::vector<std::string> EventCsvHeaderProblems(const std::vector<std::string>& header) {
  std::array<bool, kEventCsvColumns.size()> seen{};
  std::vector<std::string> problems;
  for (const std::string& field : header) {
    const std::string_view name = Trim(field);
    const auto* column = std::find(kEventCsvColumns.begin(), kEventCsvColumns.end(), name);
    if (column == kEventCsvColumns.end()) {
      problems.push_back(fmt::format("unknown column '{}'", name));
    } else if (seen[static_cast<size_t>(column - kEventCsvColumns.begin())]) {
      problems.push_back(fmt::format("column {} appears more than once", name));
    } else {
      seen[static_cast<size_t>(column - kEventCsvColumns.begin())] = true;
    }
  }
  for (size_t column = 0; column < kEventCsvColumns.size(); ++column) {
    if (!seen[column]) problems.push_back(fmt::format("missing column {}", kEventCsvColumns[column]));
  }
  return problems;
}

Result<EventCsvHeader> ParseEventCsvHeader(const std::vector<std::string>& header) {
  if (const std::vector<std::string> problems = EventCsvHeaderProblems(header); !problems.empty()) {
    return Status::InvalidArgument(fmt::format("line 1: the header is not an events file header ({}); expected: {}",
                                               Join(problems, "; "), EventCsvHeaderLine()));
  }
  EventCsvHeader parsed;
  parsed.field_count = header.size();
  for (size_t position = 0; position < header.size(); ++position) {
    const auto* column = std::find(kEventCsvColumns.begin(), kEventCsvColumns.end(), Trim(header[position]));
    parsed.position[static_cast<size_t>(column - kEventCsvColumns.begin())] = position;
  }
  return parsed;
}

bool ParseEventRow(const std::vector<std::string>& fields, const EventCsvHeader& header, int64_t line,
                   const OffenceCategoryCatalogue& categories, Date today, EventRow& row,
                   FieldProblems& errors) {
  if (fields.size() != header.field_count) {
    const std::string column = fields.size() < header.field_count ? "(missing fields)" : "(extra fields)";
    errors.push_back(
        {column, fmt::format("the row has {} fields but the header has {}", fields.size(), header.field_count), line});
    return false;
  }
  RowChecker check(fields, header, line, errors);
  for (size_t column = 0; column < kEventCsvColumns.size(); ++column) {
    if (const std::string_view problem = TextProblem(check.Field(static_cast<EventColumn>(column))); !problem.empty()) {
      check.Fail(static_cast<EventColumn>(column), std::string(problem));
    }
  }
  if (!check.ok()) return false;

  row = EventRow{};
  row.line = line;
  row.source_id = std::string(check.Field(EventColumn::kSourceId));
  if (row.source_id.empty()) {
    check.Fail(EventColumn::kSourceId, "is required");
  } else if (row.source_id.size() > kMaxSourceIdLength || HasControlCharacter(row.source_id)) {
    check.Fail(EventColumn::kSourceId,
               fmt::format("must be at most {} characters without control characters", kMaxSourceIdLength));
  }

  if (const std::string_view pnc = check.Field(EventColumn::kPncId); !pnc.empty()) {
    auto parsed = ParsePncId(pnc);
    if (parsed.ok()) {
      row.pnc_id = *parsed;
    } else {
      check.Fail(EventColumn::kPncId, parsed.status().message());
    }
  }

  row.surname = std::string(check.Field(EventColumn::kSurname));
  row.forenames = std::string(check.Field(EventColumn::kForenames));
  for (EventColumn column : {EventColumn::kSurname, EventColumn::kForenames}) {
    if (std::string problem = PersonNameProblem(check.Field(column)); !problem.empty()) {
      check.Fail(column, std::move(problem));
    }
  }

  const std::optional<Date> birth = check.RequiredDate(EventColumn::kDateOfBirth, today);
  if (birth) row.date_of_birth = *birth;

  const std::string_view gender = check.Field(EventColumn::kGender);
  if (auto parsed = GenderFromCode(gender)) {
    row.gender = *parsed;
  } else {
    check.Fail(EventColumn::kGender,
               gender.empty() ? "is required: M, F, X or U (not known)"
                              : fmt::format("'{}' is not one of M, F, X or U (not known)", gender));
  }

  const std::string_view type = check.Field(EventColumn::kEventType);
  const std::optional<EventKind> kind = EventKindFromCode(type);
  if (kind) {
    row.event.kind = *kind;
  } else {
    std::vector<std::string> codes;
    for (EventKind known : kAllEventKinds) codes.emplace_back(EventKindCode(known));
    check.Fail(EventColumn::kEventType,
               fmt::format("{} is not an event type ({})", type.empty() ? "empty" : fmt::format("'{}'", type),
                           Join(codes, ", ")));
  }

  const std::optional<Date> event_date = check.RequiredDate(EventColumn::kEventDate, today);
  if (event_date) {
    row.event.event_date = *event_date;
    if (birth && *event_date < *birth) {
      check.Fail(EventColumn::kEventDate,
                 fmt::format("{} is before the date of birth {}", FormatIsoDate(*event_date), FormatIsoDate(*birth)));
    }
  }

  const std::string_view category = check.Field(EventColumn::kOffenceCategory);
  if (!category.empty()) {
    if (categories.Find(category) == nullptr) {
      check.Fail(EventColumn::kOffenceCategory, fmt::format("'{}' is not a known offence category", category));
    } else {
      row.event.offence_category = std::string(category);
    }
  } else if (kind && RequiresOffenceCategory(*kind)) {
    check.Fail(EventColumn::kOffenceCategory, fmt::format("is required for {}", EventKindCode(*kind)));
  }

  if (const std::string_view offence_date = check.Field(EventColumn::kOffenceDate); !offence_date.empty()) {
    if (kind && !HasOffenceDate(*kind)) {
      check.Fail(EventColumn::kOffenceDate, "applies only to a conviction or caution");
    } else if (auto date = check.CheckedDate(EventColumn::kOffenceDate, offence_date, today)) {
      if (event_date && *date > *event_date) {
        check.Fail(EventColumn::kOffenceDate, fmt::format("{} is after the event_date {}", offence_date,
                                                          FormatIsoDate(*event_date)));
      } else if (birth && *date < *birth) {
        check.Fail(EventColumn::kOffenceDate,
                   fmt::format("{} is before the date of birth {}", offence_date, FormatIsoDate(*birth)));
      }
      row.event.offence_date = *date;
    }
  } else if (kind && HasOffenceDate(*kind) && event_date) {
    row.event.offence_date = *event_date;  // the documented default: committed on the day of the disposal
  }

  const std::string_view outcome = check.Field(EventColumn::kOutcome);
  if (kind == EventKind::kDrugTest && !IsDrugTestOutcome(outcome)) {
    check.Fail(EventColumn::kOutcome,
               fmt::format("{} is not a drug test outcome (positive_opiates, positive_cocaine, positive_both, "
                           "negative)",
                           outcome.empty() ? "empty" : fmt::format("'{}'", outcome)));
  } else if (outcome.size() > kMaxOutcomeLength || HasControlCharacter(outcome, /*allow_whitespace=*/true)) {
    check.Fail(EventColumn::kOutcome,
               fmt::format("must be at most {} characters without control characters", kMaxOutcomeLength));
  }
  row.event.outcome = std::string(outcome);

  const std::string_view latitude = check.Field(EventColumn::kLatitude);
  const std::string_view longitude = check.Field(EventColumn::kLongitude);
  if (latitude.empty() != longitude.empty()) {
    check.Fail(latitude.empty() ? EventColumn::kLatitude : EventColumn::kLongitude,
               "latitude and longitude must be given together or both left empty");
  } else if (!latitude.empty()) {
    const std::optional<double> lat = ParseDouble(latitude);
    const std::optional<double> lon = ParseDouble(longitude);
    if (!lat) check.Fail(EventColumn::kLatitude, fmt::format("'{}' is not a number", latitude));
    if (!lon) check.Fail(EventColumn::kLongitude, fmt::format("'{}' is not a number", longitude));
    if (lat && lon) {
      const GeoPoint point{*lat, *lon};
      if (IsInsideUk(point)) {
        row.event.location = point;
      } else {
        check.Fail(EventColumn::kLatitude,
                   fmt::format("{}, {} is outside the United Kingdom (latitude 49.8 to 60.95, longitude -8.7 to 1.8)",
                               latitude, longitude));
      }
    }
  }

  const std::string_view lsoa = check.Field(EventColumn::kLsoaCode);
  if (!lsoa.empty() && !IsLsoaCode(lsoa)) {
    check.Fail(EventColumn::kLsoaCode, fmt::format("'{}' is not an LSOA code (E01 or W01 and six digits)", lsoa));
  }
  row.event.lsoa_code = std::string(lsoa);
  return check.ok();
}

}  // namespace openiom
