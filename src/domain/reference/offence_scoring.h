// Per offence category figures used by the scores: gravity, crime-severity weight, Home Office unit cost and
// OGRS3 offence parameter (data/reference/offence_scoring.csv, compiled in). Each published figure carries its
// status so screens and reports can show which are unverified or missing rather than inventing precision.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/vocabulary.h"

namespace openiom {

// How sure OpenIOM is of a figure: published and confirmed, published or transcribed but not yet confirmed
// against the primary source, or no published figure at all (the value is empty and counts as 0).
enum class FigureStatus { kVerified, kCheck, kNone };
inline constexpr Term<FigureStatus> kFigureStatusTerms[] = {
    {FigureStatus::kVerified, "verified", "Verified"},
    {FigureStatus::kCheck, "check", "Unverified"},
    {FigureStatus::kNone, "none", "No published figure"},
};
constexpr const auto& TermsOf(FigureStatus) { return kFigureStatusTerms; }
static_assert(InEnumOrder(kFigureStatusTerms));

struct OffenceScoring {
  std::string code;                       // offence category code
  int gravity = 1;                        // 1 (least) to 4 (most serious)
  std::optional<int64_t> severity_weight; // ONS crime severity weight, days of custody equivalent
  FigureStatus severity_status = FigureStatus::kNone;
  std::optional<int64_t> unit_cost_gbp;   // Home Office unit cost per incident, 2015/16 prices
  FigureStatus unit_cost_status = FigureStatus::kNone;
  std::string ogrs3_offence;              // the OGRS3 offence group the category maps to
  double ogrs3_parameter = 0;
  FigureStatus ogrs3_status = FigureStatus::kNone;
};

class OffenceScoringTable {
 public:
  OffenceScoringTable() = default;
  explicit OffenceScoringTable(std::vector<OffenceScoring> rows) : rows_(std::move(rows)) {}

  // Parses the reference CSV format; every category must appear once, gravity must be 1-4, a figure with status
  // "none" must be empty and one with another status must be present. Errors name the line and column.
  static Result<OffenceScoringTable> FromCsv(std::string_view text);
  // The table compiled from data/reference/offence_scoring.csv.
  static const OffenceScoringTable& BuiltIn();

  const OffenceScoring* Find(std::string_view code) const;
  const std::vector<OffenceScoring>& rows() const { return rows_; }

 private:
  std::vector<OffenceScoring> rows_;
};

}  // namespace openiom
