// Reference data shipped with OpenIOM (data/reference/*.csv, compiled in): offence categories,
// data.police.uk crime types, and Cleveland's districts and LSOAs.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "domain/people/event.h"

namespace openiom {

struct OffenceCategory {
  std::string code;
  std::string name;
  std::string offence_group;
  bool acquisitive = false;
  bool neighbourhood_crime = false;
  std::string source;
};

class OffenceCategoryCatalogue {
 public:
  OffenceCategoryCatalogue() = default;
  explicit OffenceCategoryCatalogue(std::vector<OffenceCategory> categories);

  // Parses the reference CSV format (lines starting with '#' are comments). Errors name the line and column.
  static Result<OffenceCategoryCatalogue> FromCsv(std::string_view text);
  // The catalogue compiled from data/reference/offence_categories.csv.
  static const OffenceCategoryCatalogue& BuiltIn();

  // nullptr when `code` is not a category.
  const OffenceCategory* Find(std::string_view code) const;
  const std::vector<OffenceCategory>& categories() const { return categories_; }

 private:
  std::vector<OffenceCategory> categories_;
  std::unordered_map<std::string, size_t> index_;
};

struct PoliceUkCrimeType {
  std::string crime_type;  // as published, e.g. "Vehicle crime"
  std::string category;    // OpenIOM category code, empty for anti-social behaviour
  std::string precision;   // "exact", "approximate" or "none"
  std::string note;
};

// data.police.uk crime type -> OpenIOM category (data/reference/police_uk_crime_types.csv).
class PoliceUkCrimeTypes {
 public:
  static const PoliceUkCrimeTypes& BuiltIn();
  const PoliceUkCrimeType* Find(std::string_view crime_type) const;
  const std::vector<PoliceUkCrimeType>& types() const { return types_; }

 private:
  std::vector<PoliceUkCrimeType> types_;
};

struct District {
  std::string code;  // ONS local authority code, e.g. E06000001
  std::string name;  // e.g. Hartlepool
};

struct Lsoa {
  std::string code;
  std::string name;
  std::string district_code;
  std::string district_name;
  GeoPoint centroid;
};

// Cleveland's four districts and their 352 LSOAs (data/reference/cleveland_lsoa11.csv).
class LsoaCatalogue {
 public:
  static const LsoaCatalogue& Cleveland();
  // nullptr when `code` is not one of the catalogue's LSOAs.
  const Lsoa* Find(std::string_view code) const;
  const std::vector<Lsoa>& lsoas() const { return lsoas_; }
  const std::vector<District>& districts() const { return districts_; }

 private:
  std::vector<Lsoa> lsoas_;
  std::vector<District> districts_;
  std::unordered_map<std::string, size_t> index_;
};

// Reads a reference CSV: '#' comment lines, then a header, then records. Calls `row(fields, line)` for each
// record with fields looked up by the header's names. Used for the files above and for local overrides.
struct ReferenceRow {
  const std::vector<std::string>* header;
  const std::vector<std::string>* fields;
  int64_t line;
  // The field under `column`; Problem(column, "missing from the header") if the header lacks it.
  Result<std::string> Get(std::string_view column) const;
  // A problem with this row's `column`: InvalidArgument carrying {column, message, line} as its field problem, with
  // the message "line N, column C: message".
  Status Problem(std::string_view column, std::string message) const;
};
Status ReadReferenceCsv(std::string_view text, const std::function<Status(const ReferenceRow&)>& row);

}  // namespace openiom
