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
#include "domain/vocabulary.h"
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
// The value a column's stored code stands for (a closed set of domain/vocabulary.h); Internal for a code the
// schema's CHECK constraints should have refused.
Status UnknownCodeInColumn(std::string_view code, std::string_view column);
template <typename E>
Result<E> FromColumn(std::string_view code, std::string_view column) {
  if (const std::optional<E> value = Parse<E>(code)) return *value;
  return UnknownCodeInColumn(code, column);
}
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

// Repositories. Transaction::Get<R>() makes R, the first time a transaction asks for it, with the overload
// `std::unique_ptr<R> MakeRepository(RepositoryTag<R>, soci::session&, Backend)` (found by argument-dependent
// lookup), and keeps it in the transaction's RepositorySource. So R's soci_*.cc, in R's own folder, defines that
// overload and then, outside any namespace, instantiates Get for R:
//   std::unique_ptr<PersonRepository> MakeRepository(RepositoryTag<PersonRepository>, soci::session& sql, Backend) {
//     return std::make_unique<SociPersonRepository>(sql);
//   }
//   ...
//   template openiom::PersonRepository& openiom::Transaction::Get<openiom::PersonRepository>();
// Each repository works on the given session, within the caller's transaction. Nothing is registered at static
// initialisation: the caller's reference to Get<R> is what links R's implementation in.
template <class R>
struct RepositoryTag {};

// A transaction's connection and backend, and the repositories made for it, which it destroys (newest first) when
// the transaction ends.
class RepositorySource {
 public:
  RepositorySource(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}
  RepositorySource(const RepositorySource&) = delete;
  RepositorySource& operator=(const RepositorySource&) = delete;
  ~RepositorySource() {
    while (!kept_.empty()) kept_.pop_back();
  }

  soci::session& sql() const { return sql_; }
  Backend backend() const { return backend_; }

  // The repository R made for this transaction, or null.
  template <class R>
  R* Find() const {
    for (const Kept& kept : kept_) {
      if (kept.key == &kKey<R>) return static_cast<R*>(kept.repository.get());
    }
    return nullptr;
  }
  // Keeps `repository` until the transaction ends and returns it.
  template <class R>
  R& Keep(std::unique_ptr<R> repository) {
    R& kept = *repository;
    kept_.push_back({&kKey<R>, Erased(repository.release(), [](void* erased) { delete static_cast<R*>(erased); })});
    return kept;
  }

 private:
  // One per repository type: its address tells the types apart.
  template <class R>
  static constexpr char kKey = 0;
  using Erased = std::unique_ptr<void, void (*)(void*)>;
  struct Kept {
    const void* key;
    Erased repository;
  };

  soci::session& sql_;
  Backend backend_;
  std::vector<Kept> kept_;  // a handful, so a search beats a map
};

}  // namespace openiom::storage_internal

namespace openiom {

template <class R>
R& Transaction::Get() {
  storage_internal::RepositorySource& source = repositories();
  if (R* kept = source.Find<R>()) return *kept;
  return source.Keep(MakeRepository(storage_internal::RepositoryTag<R>{}, source.sql(), source.backend()));
}

}  // namespace openiom
