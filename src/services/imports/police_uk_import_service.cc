#include "services/imports/police_uk_import_service.h"

#include <array>
#include <unordered_map>

#include <fmt/format.h>
#include <sodium.h>

#include "common/csv.h"
#include "common/strings.h"
#include "domain/reference/reference_data.h"
#include "services/imports/import_log.h"
#include "storage/reference/area_crime_repository.h"
#include "storage/imports/import_run_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

// The published column order (https://data.police.uk/about/#columns).
constexpr std::array<std::string_view, 12> kColumns = {
    "Crime ID", "Month",    "Reported by", "Falls within", "Longitude",             "Latitude",
    "Location", "LSOA code", "LSOA name",  "Crime type",   "Last outcome category", "Context"};
enum Column { kCrimeId, kMonth, kReportedBy, kFallsWithin, kLongitude, kLatitude, kLocation, kLsoaCode, kLsoaName,
              kCrimeType, kLastOutcome, kContext };
constexpr size_t kBatchRows = 5000;

bool IsMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  return month >= 1 && month <= 12;
}

// Validates and maps one row; returns false with errors when invalid.
bool ParseRow(const std::vector<std::string>& fields, int64_t line, AreaCrime& crime, FieldProblems& errors) {
  auto fail = [&](Column column, std::string reason) {
    errors.push_back({std::string(kColumns[column]), std::move(reason), line});
  };
  if (fields.size() != kColumns.size()) {
    errors.push_back({fields.size() < kColumns.size() ? "(missing fields)" : "(extra fields)",
                      fmt::format("the row has {} fields but the header has {}", fields.size(), kColumns.size()), line});
    return false;
  }
  for (size_t column = 0; column < fields.size(); ++column) {
    if (const std::string_view problem = TextProblem(fields[column]); !problem.empty()) {
      fail(static_cast<Column>(column), std::string(problem));
    }
  }
  if (!errors.empty()) return false;
  auto field = [&](Column column) { return std::string(Trim(fields[column])); };
  crime = AreaCrime{};
  crime.crime_id = field(kCrimeId);
  crime.month = field(kMonth);
  if (!IsMonth(crime.month)) fail(kMonth, fmt::format("'{}' is not a month in the form YYYY-MM", crime.month));
  crime.reported_by = field(kReportedBy);
  crime.falls_within = field(kFallsWithin);
  const std::string longitude = field(kLongitude), latitude = field(kLatitude);
  if (longitude.empty() != latitude.empty()) {
    fail(latitude.empty() ? kLatitude : kLongitude, "latitude and longitude must be given together or both empty");
  } else if (!longitude.empty()) {
    const auto lat = ParseDouble(latitude), lon = ParseDouble(longitude);
    if (!lat) fail(kLatitude, fmt::format("'{}' is not a number", latitude));
    if (!lon) fail(kLongitude, fmt::format("'{}' is not a number", longitude));
    if (lat && lon) {
      if (IsInsideUk({*lat, *lon})) {
        crime.location = GeoPoint{*lat, *lon};
      } else {
        fail(kLatitude, fmt::format("{}, {} is outside the United Kingdom", latitude, longitude));
      }
    }
  }
  crime.location_description = field(kLocation);
  crime.lsoa_code = field(kLsoaCode);
  if (!crime.lsoa_code.empty() && !IsLsoaCode(crime.lsoa_code)) {
    fail(kLsoaCode, fmt::format("'{}' is not an LSOA code", crime.lsoa_code));
  }
  crime.lsoa_name = field(kLsoaName);
  crime.crime_type = field(kCrimeType);
  if (const PoliceUkCrimeType* type = PoliceUkCrimeTypes::BuiltIn().Find(crime.crime_type)) {
    crime.offence_category = type->category;
    crime.category_precision = type->precision;
  } else {
    std::vector<std::string> known;
    for (const PoliceUkCrimeType& listed : PoliceUkCrimeTypes::BuiltIn().types()) known.push_back(listed.crime_type);
    fail(kCrimeType, fmt::format("'{}' is not a data.police.uk crime type ({})", crime.crime_type, Join(known, ", ")));
  }
  crime.last_outcome = field(kLastOutcome);
  crime.context = field(kContext);
  if (const Lsoa* lsoa = LsoaCatalogue::Cleveland().Find(crime.lsoa_code)) {
    crime.in_area = true;
    crime.district = lsoa->district_name;
  }
  return errors.empty();
}

Status CheckHeader(const std::vector<std::string>& header) {
  bool matches = header.size() == kColumns.size();
  for (size_t column = 0; matches && column < kColumns.size(); ++column) {
    matches = Trim(header[column]) == kColumns[column];
  }
  if (matches) return Status::Ok();
  std::vector<std::string> expected(kColumns.begin(), kColumns.end());
  return Status::InvalidArgument(fmt::format(
      "line 1: not a data.police.uk street-level file; expected the header: {}", Join(expected, ",")));
}

Status ImportFile(Transaction& transaction, const PoliceUkFile& file, int64_t run_id, ImportObserver& observer,
                  PoliceUkImportReport& report) {
  CsvReader reader(*file.input);
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has_header, reader.ReadRecord(fields));
  if (!has_header) return Status::InvalidArgument("the file is empty");
  RETURN_IF_ERROR(CheckHeader(fields));
  std::unordered_map<std::string, int> occurrences;  // per file, for rows without a Crime ID
  std::vector<AreaCrime> batch;
  FieldProblems errors;
  auto flush = [&]() -> Status {
    ASSIGN_OR_RETURN(int64_t added, transaction.Get<AreaCrimeRepository>().InsertNew(batch, run_id));
    report.rows_added += added;
    report.rows_already_present += static_cast<int64_t>(batch.size()) - added;
    batch.clear();
    observer.OnProgress(file.name, report.rows_read, reader.bytes_consumed());
    return Status::Ok();
  };
  const int64_t rejected_before = report.rows_rejected;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.ReadRecord(fields));
    if (!more) break;
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;
    ++report.rows_read;
    AreaCrime crime;
    errors.clear();
    if (!ParseRow(fields, reader.record_line(), crime, errors)) {
      ++report.rows_rejected;
      observer.OnRejectedRow(file.name, reader.record_line(), errors, fields);
      continue;
    }
    if (crime.crime_id.empty()) {
      ++report.asb_rows;
      const std::string content = AreaCrimeKeyWithoutId(fields, 0);
      crime.crime_key = AreaCrimeKeyWithoutId(fields, ++occurrences[content]);
    } else {
      crime.crime_key = crime.crime_id;
    }
    if (!crime.in_area) ++report.rows_outside_area;
    // After an error in any file nothing will be kept, so stop writing (but keep checking the rest).
    if (report.rows_rejected == 0) batch.push_back(std::move(crime));
    if (batch.size() >= kBatchRows) RETURN_IF_ERROR(flush());
  }
  if (const int64_t rejected = report.rows_rejected - rejected_before; rejected > 0) {
    return Status::InvalidArgument(fmt::format("{} rows are invalid; nothing was imported", rejected));
  }
  return flush();
}

}  // namespace

std::string AreaCrimeKeyWithoutId(const std::vector<std::string>& fields, int occurrence) {
  std::string content;
  for (size_t column = 0; column < fields.size(); ++column) {
    if (column) content.push_back('\x1f');
    content += Trim(fields[column]);
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(content.data()), content.size());
  std::string key = "asb:";
  for (unsigned char byte : digest) key += fmt::format("{:02x}", byte);
  return occurrence > 0 ? fmt::format("{}:{}", key, occurrence) : key;
}

Result<PoliceUkImportReport> ImportPoliceUk(Database& database, const AuditTrail& audit, const Actor& actor,
                                            const std::vector<PoliceUkFile>& files, const Clock& clock,
                                            ImportObserver& observer) {
  const std::string action(ActionCode(Action::kImportAreaCrime));
  std::vector<std::string> names;
  for (const PoliceUkFile& file : files) names.push_back(file.name);
  RETURN_IF_ERROR(audit.Authorise(database, actor, Action::kImportAreaCrime, ObjectKind::kFile, Join(names, ", ")));
  ImportRun run{.kind = "police-uk", .source_system = "data.police.uk", .file_name = Join(names, ", "),
                .started_at = clock.Now()};
  PoliceUkImportReport report;
  Status status = database.Write(Workload::kBulk, [&](Transaction& transaction) -> Status {
    report = PoliceUkImportReport{};
    ASSIGN_OR_RETURN(run.id, transaction.Get<ImportRunRepository>().Create(run));
    report.import_run_id = run.id;
    Status first_error;
    for (const PoliceUkFile& file : files) {
      // Read every file even after a bad one, so the user sees all problems at once.
      Status file_status = ImportFile(transaction, file, run.id, observer, report);
      if (!file_status.ok() && first_error.ok()) first_error = file_status.WithContext(file.name);
      if (!file_status.ok() && file_status.code() != StatusCode::kInvalidArgument) return first_error;
    }
    RETURN_IF_ERROR(first_error);
    run.finished_at = clock.Now();
    run.rows_read = report.rows_read;
    run.rows_loaded = report.rows_added;
    run.rows_skipped = report.rows_already_present;
    RETURN_IF_ERROR(transaction.Get<ImportRunRepository>().Finish(run));
    return audit.Append(transaction, actor,
                        {action, ObjectKind::kFile, run.file_name, AuditOutcome::kSuccess,
                         fmt::format("import run {}: {} rows, {} added", run.id, report.rows_read, report.rows_added)});
  });
  if (status.ok()) return report;
  RecordFailedImport(database, audit, actor, action, run, report.rows_read, report.rows_rejected, status, clock);
  return status;
}

}  // namespace openiom
