#include "storage/soci_support.h"

#include <algorithm>
#include <span>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>


namespace openiom::storage_internal {

namespace {

// PostgreSQL SQLSTATEs for "not now": the statement ran past its statement_timeout (or was cancelled), a lock
// was not granted in time, two transactions deadlocked; and for "the session has ended": the server shut it
// down or ended it for sitting idle in a transaction.
constexpr std::string_view kPostgresCancelled = "57014";
constexpr std::string_view kPostgresBusyStates[] = {"55P03", "40P01"};
constexpr std::string_view kPostgresSessionEndedStates[] = {"57P01", "57P02", "57P03", "25P03"};

bool OneOf(std::string_view state, std::span<const std::string_view> states) {
  return std::find(states.begin(), states.end(), state) != states.end();
}

}  // namespace

Status TranslateError(const soci::soci_error& error, std::string_view what) {
  std::string message = error.get_error_message();
  if (const size_t eol = message.find('\n'); eol != std::string::npos) message.resize(eol);
  // A busy or slow database is a reason to try again later, not a fault: the web answers it with 503 and
  // Retry-After and logs why (as "internal error" it hid that pages were queueing behind an import).
  if (const auto* postgres = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
    const std::string state = postgres->sqlstate();
    if (state == kPostgresCancelled) {
      return Status::Unavailable(fmt::format("{}: the database took too long; try again later ({})", what, message));
    }
    if (OneOf(state, kPostgresBusyStates)) {
      return Status::Unavailable(fmt::format("{}: the database is busy; try again later ({})", what, message));
    }
    if (state.starts_with("08") || OneOf(state, kPostgresSessionEndedStates)) {
      return Status::Unavailable(fmt::format("{}: the database connection was lost ({})", what, message));
    }
  }
  bool sqlite_constraint = false;
  if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
    const int code = sqlite->result() & 0xff;  // the primary code of an extended one
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
      return Status::Unavailable(
          fmt::format("{}: the database is busy (another connection held the write lock too long); try again "
                      "later ({})",
                      what, message));
    }
    // SOCI's SQLite backend reports a constraint failed while stepping a statement that returns rows (INSERT ...
    // RETURNING) without its category; SQLite's own result code still says what happened.
    sqlite_constraint = code == SQLITE_CONSTRAINT;
  }
  switch (sqlite_constraint ? soci::soci_error::constraint_violation : error.get_error_category()) {
    case soci::soci_error::constraint_violation:
      return Status::Conflict(fmt::format("{}: {}", what, message));
    case soci::soci_error::connection_error:
      return Status::Unavailable(fmt::format("{}: {}", what, message));
    default:
      return Status::Internal(fmt::format("{}: {}", what, message));
  }
}

Status UnknownCodeInColumn(std::string_view code, std::string_view column) {
  return Status::Internal(fmt::format("column {}: '{}' is not a known code", column, code));
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
