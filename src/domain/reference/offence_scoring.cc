#include "domain/reference/offence_scoring.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/reference/reference_data.h"

namespace openiom {
namespace reference {
extern const std::string_view kOffenceScoringCsv;
}  // namespace reference

namespace {

Result<FigureStatus> ParseStatus(const ReferenceRow& row, std::string_view column) {
  ASSIGN_OR_RETURN(std::string value, row.Get(column));
  if (const std::optional<FigureStatus> status = Parse<FigureStatus>(value)) return *status;
  return row.Problem(column, fmt::format("must be verified, check or none, not '{}'", value));
}

// An optional whole number whose presence must agree with its status.
Result<std::optional<int64_t>> ParseFigure(const ReferenceRow& row, std::string_view column, FigureStatus status) {
  ASSIGN_OR_RETURN(std::string value, row.Get(column));
  if (value.empty()) {
    if (status != FigureStatus::kNone) {
      return row.Problem(column, "is empty but its status says there is a figure");
    }
    return std::optional<int64_t>();
  }
  if (status == FigureStatus::kNone) {
    return row.Problem(column, "has a figure but its status is none");
  }
  int64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size() || number < 0) {
    return row.Problem(column, fmt::format("must be a whole number of 0 or more, not '{}'", value));
  }
  return std::optional<int64_t>(number);
}

}  // namespace

Result<OffenceScoringTable> OffenceScoringTable::FromCsv(std::string_view text) {
  const OffenceCategoryCatalogue& catalogue = OffenceCategoryCatalogue::BuiltIn();
  std::vector<OffenceScoring> rows;
  RETURN_IF_ERROR(ReadReferenceCsv(text, [&](const ReferenceRow& row) -> Status {
    OffenceScoring scoring;
    ASSIGN_OR_RETURN(scoring.code, row.Get("code"));
    if (catalogue.Find(scoring.code) == nullptr) {
      return row.Problem("code", fmt::format("'{}' is not an offence category", scoring.code));
    }
    for (const OffenceScoring& existing : rows) {
      if (existing.code == scoring.code) {
        return row.Problem("code", fmt::format("'{}' appears twice", scoring.code));
      }
    }
    ASSIGN_OR_RETURN(std::string gravity, row.Get("gravity"));
    if (gravity.size() != 1 || gravity[0] < '1' || gravity[0] > '4') {
      return row.Problem("gravity", fmt::format("must be 1, 2, 3 or 4, not '{}'", gravity));
    }
    scoring.gravity = gravity[0] - '0';
    ASSIGN_OR_RETURN(scoring.severity_status, ParseStatus(row, "severity_status"));
    ASSIGN_OR_RETURN(scoring.severity_weight, ParseFigure(row, "severity_weight", scoring.severity_status));
    ASSIGN_OR_RETURN(scoring.unit_cost_status, ParseStatus(row, "unit_cost_status"));
    ASSIGN_OR_RETURN(scoring.unit_cost_gbp, ParseFigure(row, "unit_cost_gbp", scoring.unit_cost_status));
    ASSIGN_OR_RETURN(scoring.ogrs3_offence, row.Get("ogrs3_offence"));
    ASSIGN_OR_RETURN(scoring.ogrs3_status, ParseStatus(row, "ogrs3_status"));
    ASSIGN_OR_RETURN(std::string parameter, row.Get("ogrs3_parameter"));
    const auto [end, error] = std::from_chars(parameter.data(), parameter.data() + parameter.size(),
                                              scoring.ogrs3_parameter);
    if (error != std::errc() || end != parameter.data() + parameter.size()) {
      return row.Problem("ogrs3_parameter", fmt::format("must be a number, not '{}'", parameter));
    }
    rows.push_back(std::move(scoring));
    return Status::Ok();
  }));
  for (const OffenceCategory& category : catalogue.categories()) {
    bool found = false;
    for (const OffenceScoring& scoring : rows) found = found || scoring.code == category.code;
    if (!found) return Status::InvalidArgument(fmt::format("offence category '{}' has no row", category.code));
  }
  return OffenceScoringTable(std::move(rows));
}

const OffenceScoringTable& OffenceScoringTable::BuiltIn() {
  static const OffenceScoringTable kTable = [] {
    Result<OffenceScoringTable> table = FromCsv(reference::kOffenceScoringCsv);
    if (!table.ok()) DieOnBadResultAccess(table.status().WithContext("data/reference/offence_scoring.csv"));
    return *std::move(table);
  }();
  return kTable;
}

const OffenceScoring* OffenceScoringTable::Find(std::string_view code) const {
  for (const OffenceScoring& row : rows_) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

}  // namespace openiom
