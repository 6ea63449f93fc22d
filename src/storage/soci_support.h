// Internal to storage/: helpers shared by the SOCI-based repositories. Never include outside storage/.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "common/date.h"
#include "common/status.h"
#include "storage/database.h"
#include "storage/transaction.h"

namespace openiom::storage_internal {

// Turns a driver exception into a Status: constraint violations become Conflict (the message says which
// `what` failed); lost connections, a statement past its time limit and a lock not granted in time (SQLite: the
// write lock held by another connection beyond the busy timeout) become Unavailable; anything else Internal.
Status TranslateError(const soci::soci_error& error, std::string_view what);

// Runs `body` (returning Status or Result<T>), translating driver exceptions.
template <typename F>
auto Guard(std::string_view what, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const soci::soci_error& error) {
    return TranslateError(error, what);
  }
}

// Text <-> column helpers. Dates are stored as DATE (PostgreSQL) or ISO text (SQLite) and always read back
// through CAST(... AS TEXT); timestamps likewise.
Result<Date> DateFromColumn(const std::string& text, std::string_view column);
Result<std::optional<Date>> OptionalDateFromColumn(const std::string& text, soci::indicator indicator,
                                                   std::string_view column);
Result<Timestamp> TimestampFromColumn(const std::string& text, std::string_view column);
inline std::string ValueOr(const std::string& text, soci::indicator indicator) {
  return indicator == soci::i_ok ? text : std::string();
}
// Binding helpers: an empty string binds as NULL.
inline soci::indicator NullIfEmpty(const std::string& text) { return text.empty() ? soci::i_null : soci::i_ok; }
// For bulk rows (TextRows): an empty string is NULL.
inline std::optional<std::string> TextOrNull(const std::string& text) {
  return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// Named text parameters of a query assembled from optional clauses (searches).
using TextParams = std::vector<std::pair<std::string, std::string>>;
// `SELECT COUNT(*) FROM <from><where>` with `params` bound. Throws soci::soci_error.
int64_t CountWhere(soci::session& sql, std::string_view from, const std::string& where, TextParams& params);

// Column-major text rows for bulk loads; std::nullopt is NULL.
struct TextRows {
  std::vector<std::string> columns;
  std::vector<std::vector<std::optional<std::string>>> rows;
};

// Each backend's fastest way to append many rows: prepared statements in the current transaction
// (SQLite), COPY FROM STDIN (PostgreSQL).
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  // Appends `data` to `table`. With skip_conflicts, rows that would violate a unique key are dropped.
  // Returns the number of rows inserted. Throws soci::soci_error on failure.
  virtual int64_t Load(soci::session& sql, std::string_view table, const TextRows& data, bool skip_conflicts) = 0;
};
std::unique_ptr<BulkLoader> MakeSqliteBulkLoader();
std::unique_ptr<BulkLoader> MakePostgresBulkLoader();
std::unique_ptr<BulkLoader> MakeBulkLoader(Backend backend);

// Repository factories; each repository works on the given session, within the caller's transaction.
std::unique_ptr<PersonRepository> MakePersonRepository(soci::session& sql, Backend backend);
std::unique_ptr<EventRepository> MakeEventRepository(soci::session& sql, Backend backend);
std::unique_ptr<AgencyRepository> MakeAgencyRepository(soci::session& sql, Backend backend);
std::unique_ptr<OffenceCategoryRepository> MakeOffenceCategoryRepository(soci::session& sql, Backend backend);
std::unique_ptr<ImportRunRepository> MakeImportRunRepository(soci::session& sql, Backend backend);
std::unique_ptr<AreaCrimeRepository> MakeAreaCrimeRepository(soci::session& sql, Backend backend);
std::unique_ptr<EventImportStore> MakeEventImportStore(soci::session& sql, Backend backend);
std::unique_ptr<UserRepository> MakeUserRepository(soci::session& sql, Backend backend);
std::unique_ptr<AuditRepository> MakeAuditRepository(soci::session& sql, Backend backend);
std::unique_ptr<ScoreRepository> MakeScoreRepository(soci::session& sql, Backend backend);
std::unique_ptr<PanelRepository> MakePanelRepository(soci::session& sql, Backend backend);
std::unique_ptr<AccessRepository> MakeAccessRepository(soci::session& sql, Backend backend);

}  // namespace openiom::storage_internal
