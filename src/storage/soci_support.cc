#include "storage/soci_support.h"

#include <fmt/format.h>


namespace openiom::storage_internal {

Status TranslateError(const soci::soci_error& error, std::string_view what) {
  std::string message = error.get_error_message();
  if (const size_t eol = message.find('\n'); eol != std::string::npos) message.resize(eol);
  // SOCI's SQLite backend reports a constraint failed while stepping a statement that returns rows (INSERT ...
  // RETURNING) without its category; the message still says what happened.
  const bool sqlite_constraint = message.find(" constraint failed") != std::string::npos;
  switch (sqlite_constraint ? soci::soci_error::constraint_violation : error.get_error_category()) {
    case soci::soci_error::constraint_violation:
      return Status::Conflict(fmt::format("{}: {}", what, message));
    case soci::soci_error::connection_error:
      return Status::Unavailable(fmt::format("{}: {}", what, message));
    default:
      return Status::Internal(fmt::format("{}: {}", what, message));
  }
}

Result<Date> DateFromColumn(const std::string& text, std::string_view column) {
  auto date = ParseIsoDate(text.substr(0, 10));
  if (!date.ok()) return Status::Internal(fmt::format("stored {} is not a date: {}", column, text));
  return *date;
}

Result<std::optional<Date>> OptionalDateFromColumn(const std::string& text, soci::indicator indicator,
                                                   std::string_view column) {
  if (indicator != soci::i_ok || text.empty()) return std::optional<Date>();
  ASSIGN_OR_RETURN(Date date, DateFromColumn(text, column));
  return std::optional<Date>(date);
}

Result<Timestamp> TimestampFromColumn(const std::string& text, std::string_view column) {
  auto timestamp = ParseIsoTimestamp(text);
  if (!timestamp.ok()) return Status::Internal(fmt::format("stored {} is not a timestamp: {}", column, text));
  return *timestamp;
}

int64_t CountWhere(soci::session& sql, std::string_view from, const std::string& where, TextParams& params) {
  long long total = 0;
  soci::statement count(sql);
  count.alloc();
  count.prepare("SELECT COUNT(*) FROM " + std::string(from) + where);
  count.exchange(soci::into(total));
  for (auto& [name, value] : params) count.exchange(soci::use(value, name));
  count.define_and_bind();
  count.execute(true);
  return total;
}

std::unique_ptr<BulkLoader> MakeBulkLoader(Backend backend) {
  return backend == Backend::kSqlite ? MakeSqliteBulkLoader() : MakePostgresBulkLoader();
}

}  // namespace openiom::storage_internal
