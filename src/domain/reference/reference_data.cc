#include "domain/reference/reference_data.h"

#include <sstream>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"

namespace openiom {
namespace reference {
extern const std::string_view kOffenceCategoriesCsv;
extern const std::string_view kPoliceUkCrimeTypesCsv;
extern const std::string_view kClevelandLsoaCsv;
}  // namespace reference

namespace {

Result<bool> ParseFlag(const ReferenceRow& row, std::string_view column) {
  ASSIGN_OR_RETURN(std::string value, row.Get(column));
  if (value == "1") return true;
  if (value == "0") return false;
  return row.Problem(column, fmt::format("must be 0 or 1, not '{}'", value));
}

template <typename T>
const T& DieIfInvalid(const Result<T>& result, std::string_view what) {
  if (!result.ok()) DieOnBadResultAccess(result.status().WithContext(what));
  return *result;
}

}  // namespace

Result<std::string> ReferenceRow::Get(std::string_view column) const {
  for (size_t i = 0; i < header->size(); ++i) {
    if ((*header)[i] == column) return std::string(Trim((*fields)[i]));
  }
  return Problem(column, "missing from the header");
}

Status ReferenceRow::Problem(std::string_view column, std::string message) const {
  std::string summary = fmt::format("line {}, column {}: {}", line, column, message);
  return Status::Invalid({{std::string(column), std::move(message), line}}, std::move(summary));
}

Status ReadReferenceCsv(std::string_view text, const std::function<Status(const ReferenceRow&)>& row) {
  // Strip comment lines first so the CSV reader sees the header as its first record.
  std::string body;
  int64_t comment_lines = 0;
  size_t pos = 0;
  while (pos < text.size() && text[pos] == '#') {
    const size_t eol = text.find('\n', pos);
    pos = eol == std::string_view::npos ? text.size() : eol + 1;
    ++comment_lines;
  }
  std::istringstream in{std::string(text.substr(pos))};
  CsvReader reader(in);
  std::vector<std::string> header;
  ASSIGN_OR_RETURN(bool has_header, reader.ReadRecord(header));
  if (!has_header) return Status::InvalidArgument("the file has no header line");
  std::vector<std::string> fields;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.ReadRecord(fields));
    if (!more) break;
    const int64_t line = reader.record_line() + comment_lines;
    if (fields.size() == 1 && fields[0].empty()) continue;
    if (fields.size() != header.size()) {
      return Status::InvalidArgument(
          fmt::format("line {}: has {} fields but the header has {}", line, fields.size(), header.size()));
    }
    RETURN_IF_ERROR(row(ReferenceRow{&header, &fields, line}));
  }
  return Status::Ok();
}

OffenceCategoryCatalogue::OffenceCategoryCatalogue(std::vector<OffenceCategory> categories)
    : categories_(std::move(categories)) {
  for (size_t i = 0; i < categories_.size(); ++i) index_.emplace(categories_[i].code, i);
}

Result<OffenceCategoryCatalogue> OffenceCategoryCatalogue::FromCsv(std::string_view text) {
  std::vector<OffenceCategory> categories;
  RETURN_IF_ERROR(ReadReferenceCsv(text, [&](const ReferenceRow& row) -> Status {
    OffenceCategory category;
    ASSIGN_OR_RETURN(category.code, row.Get("code"));
    ASSIGN_OR_RETURN(category.name, row.Get("name"));
    ASSIGN_OR_RETURN(category.offence_group, row.Get("offence_group"));
    ASSIGN_OR_RETURN(category.acquisitive, ParseFlag(row, "acquisitive"));
    ASSIGN_OR_RETURN(category.neighbourhood_crime, ParseFlag(row, "neighbourhood_crime"));
    ASSIGN_OR_RETURN(category.source, row.Get("source"));
    if (category.code.empty()) return row.Problem("code", "is empty");
    for (const OffenceCategory& existing : categories) {
      if (existing.code == category.code) {
        return row.Problem("code", fmt::format("'{}' appears twice", category.code));
      }
    }
    categories.push_back(std::move(category));
    return Status::Ok();
  }));
  return OffenceCategoryCatalogue(std::move(categories));
}

const OffenceCategoryCatalogue& OffenceCategoryCatalogue::BuiltIn() {
  static const OffenceCategoryCatalogue kCatalogue =
      DieIfInvalid(FromCsv(reference::kOffenceCategoriesCsv), "data/reference/offence_categories.csv");
  return kCatalogue;
}

const OffenceCategory* OffenceCategoryCatalogue::Find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &categories_[it->second];
}

const PoliceUkCrimeTypes& PoliceUkCrimeTypes::BuiltIn() {
  static const PoliceUkCrimeTypes kTypes = [] {
    PoliceUkCrimeTypes types;
    const Status status = ReadReferenceCsv(reference::kPoliceUkCrimeTypesCsv, [&](const ReferenceRow& row) -> Status {
      PoliceUkCrimeType type;
      ASSIGN_OR_RETURN(type.crime_type, row.Get("crime_type"));
      ASSIGN_OR_RETURN(type.category, row.Get("category"));
      ASSIGN_OR_RETURN(type.precision, row.Get("precision"));
      ASSIGN_OR_RETURN(type.note, row.Get("note"));
      types.types_.push_back(std::move(type));
      return Status::Ok();
    });
    if (!status.ok()) DieOnBadResultAccess(status.WithContext("data/reference/police_uk_crime_types.csv"));
    return types;
  }();
  return kTypes;
}

const PoliceUkCrimeType* PoliceUkCrimeTypes::Find(std::string_view crime_type) const {
  for (const PoliceUkCrimeType& type : types_) {
    if (type.crime_type == crime_type) return &type;
  }
  return nullptr;
}

const LsoaCatalogue& LsoaCatalogue::Cleveland() {
  static const LsoaCatalogue kCatalogue = [] {
    LsoaCatalogue catalogue;
    const Status status = ReadReferenceCsv(reference::kClevelandLsoaCsv, [&](const ReferenceRow& row) -> Status {
      Lsoa lsoa;
      ASSIGN_OR_RETURN(lsoa.code, row.Get("lsoa_code"));
      ASSIGN_OR_RETURN(lsoa.name, row.Get("lsoa_name"));
      ASSIGN_OR_RETURN(lsoa.district_code, row.Get("district_code"));
      ASSIGN_OR_RETURN(lsoa.district_name, row.Get("district_name"));
      ASSIGN_OR_RETURN(std::string latitude, row.Get("latitude"));
      ASSIGN_OR_RETURN(std::string longitude, row.Get("longitude"));
      lsoa.centroid = {ParseDouble(latitude).value_or(0), ParseDouble(longitude).value_or(0)};
      bool known_district = false;
      for (const District& district : catalogue.districts_) known_district |= district.code == lsoa.district_code;
      if (!known_district) catalogue.districts_.push_back({lsoa.district_code, lsoa.district_name});
      catalogue.index_.emplace(lsoa.code, catalogue.lsoas_.size());
      catalogue.lsoas_.push_back(std::move(lsoa));
      return Status::Ok();
    });
    if (!status.ok()) DieOnBadResultAccess(status.WithContext("data/reference/cleveland_lsoa11.csv"));
    return catalogue;
  }();
  return kCatalogue;
}

const Lsoa* LsoaCatalogue::Find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &lsoas_[it->second];
}

}  // namespace openiom
