#include <fmt/format.h>

#include "storage/event_import_store.h"
#include "storage/migration_script.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

// Serialises imports on PostgreSQL (SQLite's BEGIN IMMEDIATE already does): two imports matching the same
// new person at once would otherwise both create it.
constexpr std::string_view kLockImports = "SELECT pg_advisory_xact_lock(5720462300871229441)";
// During an import the planner's statistics describe the tables as they were before it started (PostgreSQL
// cannot analyse uncommitted rows in the background), so it would hash-join whole tables for each batch.
// Probing the unique indexes row by row is right for a batch whatever the table sizes.
constexpr std::string_view kPlanForBatches[] = {"SET LOCAL enable_hashjoin = off", "SET LOCAL enable_mergejoin = off",
                                                "SET LOCAL enable_bitmapscan = off"};
// The stored tables the matching reads. Without planner statistics PostgreSQL guesses (a PNC ID matches 0.5% of
// identifiers) and plans a nested loop that compares every batch row with every stored identifier: a retried
// import, after a killed one and an autovacuum that did not analyse, took over 15 minutes instead of seconds.
// So the import analyses each of them that has no statistics when it starts, and again whenever it has made the
// table kGrowthBeforeAnalysis times larger than at its last analysis (ANALYZE inside the transaction sees the
// import's rows): statistics of a nearly empty table, or of one whose rows all came from another source, mislead
// as badly as none. Between analyses the planner scales the statistics to the table's current size.
enum MatchedTable { kPersonTable, kIdentifierTable, kAliasTable, kEventTable, kMatchedTables };
constexpr std::string_view kMatchedTableNames[kMatchedTables] = {"person", "identifier", "person_alias", "event"};
constexpr std::string_view kHasStatistics =
    "SELECT COUNT(*) FROM pg_stats WHERE schemaname = current_schema() AND tablename = :name";
constexpr std::string_view kAnalysedRows =
    "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = CAST(:name AS regclass)";
// Each analysis reads up to 30,000 sampled rows, so growing by 4 keeps them to a handful per import.
constexpr long long kGrowthBeforeAnalysis = 4;
// Scratch tables of one import: the batch being matched, and every source id seen so far with its first line.
// ({{BYTES}} as in the migrations: keys compare byte by byte, like the columns they are joined with.)
constexpr std::string_view kDropScratch[] = {"DROP TABLE IF EXISTS import_batch", "DROP TABLE IF EXISTS import_seen"};
constexpr std::string_view kCreateScratch =
    "CREATE TEMP TABLE import_batch (row_index BIGINT NOT NULL, line BIGINT NOT NULL, "
    "source_record_id TEXT {{BYTES}} NOT NULL, pnc TEXT {{BYTES}}, name_key TEXT {{BYTES}} NOT NULL, "
    "date_of_birth DATE NOT NULL);\n"
    "CREATE TEMP TABLE import_seen (source_record_id TEXT {{BYTES}} PRIMARY KEY, line BIGINT NOT NULL);\n";
// PostgreSQL's DELETE would leave every earlier batch behind as dead rows to scan; TRUNCATE empties the table.
constexpr std::string_view kClearBatchSqlite = "DELETE FROM import_batch";
constexpr std::string_view kClearBatchPostgres = "TRUNCATE import_batch";
// The batch drives each join (CROSS JOIN fixes SQLite's join order; PostgreSQL plans freely): without it,
// SQLite may scan every stored identifier and probe the unindexed batch, which is quadratic over an import.
constexpr std::string_view kMatchByPnc =
    "SELECT b.row_index, p.id, p.name_key, CAST(p.date_of_birth AS TEXT), "
    "CASE WHEN EXISTS (SELECT 1 FROM person_alias a WHERE a.person_id = p.id AND a.name_key = b.name_key) "
    "THEN 1 ELSE 0 END "
    "FROM import_batch b CROSS JOIN identifier i CROSS JOIN person p "
    "WHERE i.kind = 'pnc' AND i.value = b.pnc AND p.id = i.person_id";
constexpr std::string_view kMatchByName =
    "SELECT b.row_index, p.id, "
    "CASE WHEN EXISTS (SELECT 1 FROM identifier i WHERE i.person_id = p.id AND i.kind = 'pnc') THEN 1 ELSE 0 END "
    "FROM import_batch b CROSS JOIN person p WHERE p.name_key = b.name_key AND p.date_of_birth = b.date_of_birth "
    "UNION "
    "SELECT b.row_index, p.id, "
    "CASE WHEN EXISTS (SELECT 1 FROM identifier i WHERE i.person_id = p.id AND i.kind = 'pnc') THEN 1 ELSE 0 END "
    "FROM import_batch b CROSS JOIN person_alias a CROSS JOIN person p "
    "WHERE a.name_key = b.name_key AND p.id = a.person_id AND p.date_of_birth = b.date_of_birth "
    "ORDER BY 1, 2";
constexpr std::string_view kMatchEvents =
    "SELECT b.row_index, e.id, e.person_id, e.kind, CAST(e.event_date AS TEXT), CAST(e.offence_date AS TEXT), "
    "e.offence_category, e.outcome, e.latitude, e.longitude, e.lsoa_code, e.import_run_id "
    "FROM import_batch b CROSS JOIN event e "
    "WHERE e.source_system = :source_system AND e.source_record_id = b.source_record_id";
constexpr std::string_view kMatchSeen =
    "SELECT b.row_index, s.line FROM import_batch b CROSS JOIN import_seen s "
    "WHERE s.source_record_id = b.source_record_id";
constexpr std::string_view kRememberSeen =
    "INSERT INTO import_seen (source_record_id, line) SELECT source_record_id, MIN(line) FROM import_batch "
    "GROUP BY source_record_id ON CONFLICT DO NOTHING";
constexpr std::string_view kMaxPersonId = "SELECT COALESCE(MAX(id), 0) FROM person";
constexpr std::string_view kNextPersonIds =
    "SELECT nextval(pg_get_serial_sequence('person', 'id')) FROM generate_series(1, :count)";

class SociEventImportStore final : public EventImportStore {
 public:
  SociEventImportStore(soci::session& sql, Backend backend)
      : sql_(sql), backend_(backend), loader_(MakeBulkLoader(backend)) {}

  Status Begin() override {
    return Guard("preparing an import", [&]() -> Status {
      if (backend_ == Backend::kPostgresql) {
        sql_ << kLockImports;
        for (std::string_view setting : kPlanForBatches) sql_ << setting;
        for (int table = 0; table < kMatchedTables; ++table) {
          if (!HasStatistics(table)) Analyse(table);
          analysed_rows_[table] = AnalysedRows(table);
        }
      }
      for (std::string_view drop : kDropScratch) sql_ << drop;
      for (const std::string& create : MigrationStatements(kCreateScratch, backend_)) sql_ << create;
      return Status::Ok();
    });
  }

  Result<BatchMatches> Match(const std::string& source_system, const std::vector<ImportKey>& keys) override {
    return Guard("matching imported rows", [&]() -> Result<BatchMatches> {
      for (int table = 0; table < kMatchedTables && backend_ == Backend::kPostgresql; ++table) {
        const long long rows = analysed_rows_[table] + loaded_[table];
        if (loaded_[table] == 0 || rows < kGrowthBeforeAnalysis * analysed_rows_[table]) continue;
        Analyse(table);
        // Counted from what the import loaded, not read back: without the right to analyse, reltuples stays put.
        analysed_rows_[table] += loaded_[table];
        loaded_[table] = 0;
      }
      sql_ << (backend_ == Backend::kPostgresql ? kClearBatchPostgres : kClearBatchSqlite);
      TextRows batch;
      batch.columns = {"row_index", "line", "source_record_id", "pnc", "name_key", "date_of_birth"};
      batch.rows.reserve(keys.size());
      for (size_t row = 0; row < keys.size(); ++row) {
        const ImportKey& key = keys[row];
        batch.rows.push_back({std::to_string(row), std::to_string(key.line), key.source_record_id,
                              TextOrNull(key.pnc_id), key.name_key, FormatIsoDate(key.date_of_birth)});
      }
      loader_->Load(sql_, "import_batch", batch, /*skip_conflicts=*/false);
      // PostgreSQL never analyses temporary tables by itself; without row counts it hash-joins the whole event
      // table for every batch instead of probing its indexes (a 1M-row import took minutes, not seconds).
      if (backend_ == Backend::kPostgresql) sql_ << "ANALYZE import_batch";

      BatchMatches matches;
      {
        long long row = 0, person = 0;
        int alias = 0;
        std::string name_key, dob;
        soci::indicator dob_ind;
        soci::statement st = (sql_.prepare << kMatchByPnc, soci::into(row), soci::into(person), soci::into(name_key),
                              soci::into(dob, dob_ind), soci::into(alias));
        st.execute();
        while (st.fetch()) {
          ASSIGN_OR_RETURN(std::optional<Date> birth, OptionalDateFromColumn(dob, dob_ind, "person.date_of_birth"));
          matches.by_pnc.push_back({static_cast<size_t>(row), person, name_key, birth, alias != 0});
        }
      }
      {
        long long row = 0, person = 0;
        int has_pnc = 0;
        soci::statement st =
            (sql_.prepare << kMatchByName, soci::into(row), soci::into(person), soci::into(has_pnc));
        st.execute();
        while (st.fetch()) matches.by_name.push_back({static_cast<size_t>(row), person, has_pnc != 0});
      }
      {
        std::string source = source_system, kind, event_date, offence_date, category, outcome, lsoa;
        long long row = 0, id = 0, person = 0, run = 0;
        double latitude = 0, longitude = 0;
        soci::indicator offence_date_ind, category_ind, outcome_ind, latitude_ind, longitude_ind, lsoa_ind, run_ind;
        soci::statement st =
            (sql_.prepare << kMatchEvents, soci::use(source, "source_system"), soci::into(row), soci::into(id),
             soci::into(person), soci::into(kind), soci::into(event_date), soci::into(offence_date, offence_date_ind),
             soci::into(category, category_ind), soci::into(outcome, outcome_ind),
             soci::into(latitude, latitude_ind), soci::into(longitude, longitude_ind), soci::into(lsoa, lsoa_ind),
             soci::into(run, run_ind));
        st.execute();
        while (st.fetch()) {
          ExistingEvent existing;
          existing.row = static_cast<size_t>(row);
          existing.import_run_id = run_ind == soci::i_ok ? run : 0;
          Event& event = existing.event;
          event.id = id;
          event.person_id = person;
          event.kind = EventKindFromCode(kind).value_or(EventKind::kArrest);
          ASSIGN_OR_RETURN(event.event_date, DateFromColumn(event_date, "event.event_date"));
          ASSIGN_OR_RETURN(event.offence_date,
                           OptionalDateFromColumn(offence_date, offence_date_ind, "event.offence_date"));
          event.offence_category = ValueOr(category, category_ind);
          event.outcome = ValueOr(outcome, outcome_ind);
          if (latitude_ind == soci::i_ok && longitude_ind == soci::i_ok) event.location = GeoPoint{latitude, longitude};
          event.lsoa_code = ValueOr(lsoa, lsoa_ind);
          event.source_system = source_system;
          event.source_record_id = keys[existing.row].source_record_id;
          matches.existing_events.push_back(std::move(existing));
        }
      }
      {
        long long row = 0, line = 0;
        soci::statement st = (sql_.prepare << kMatchSeen, soci::into(row), soci::into(line));
        st.execute();
        while (st.fetch()) matches.repeated_source_ids.push_back({static_cast<size_t>(row), line});
        sql_ << kRememberSeen;
      }
      return matches;
    });
  }

  Result<std::vector<PersonId>> AllocatePersonIds(size_t count) override {
    return Guard("allocating person ids", [&]() -> Result<std::vector<PersonId>> {
      std::vector<PersonId> ids;
      if (count == 0) return ids;
      ids.reserve(count);
      if (backend_ == Backend::kPostgresql) {
        long long id = 0, wanted = static_cast<long long>(count);
        soci::statement st = (sql_.prepare << kNextPersonIds, soci::use(wanted, "count"), soci::into(id));
        st.execute();
        while (st.fetch()) ids.push_back(id);
        return ids;
      }
      // SQLite: this transaction holds the write lock, so ids above the current maximum are ours. Ids handed
      // out earlier in the same transaction may not be inserted yet, hence next_sqlite_id_.
      long long max_id = 0;
      sql_ << kMaxPersonId, soci::into(max_id);
      next_sqlite_id_ = std::max(next_sqlite_id_, max_id + 1);
      for (size_t i = 0; i < count; ++i) ids.push_back(next_sqlite_id_++);
      return ids;
    });
  }

  Status InsertPeople(const std::vector<Person>& people) override {
    return Guard("storing people", [&]() -> Status {
      TextRows data;
      data.columns = {"id", "surname", "forenames", "name_key", "date_of_birth", "gender", "ethnicity",
                      "address_line", "postcode", "lsoa_code", "district", "created_at", "updated_at", "version"};
      data.rows.reserve(people.size());
      for (const Person& person : people) {
        data.rows.push_back(
            {std::to_string(person.id), person.surname, person.forenames, NameKey(person.surname, person.forenames),
             person.date_of_birth ? std::optional(FormatIsoDate(*person.date_of_birth)) : std::nullopt,
             std::string(GenderCode(person.gender)),
             person.ethnicity ? std::optional(std::string(EthnicityCode(*person.ethnicity))) : std::nullopt,
             TextOrNull(person.address.line), TextOrNull(person.address.postcode), TextOrNull(person.address.lsoa_code),
             TextOrNull(person.address.district), FormatIsoTimestamp(person.created_at),
             FormatIsoTimestamp(person.updated_at), std::string("1")});
      }
      loader_->Load(sql_, "person", data, /*skip_conflicts=*/false);
      loaded_[kPersonTable] += static_cast<long long>(people.size());
      return Status::Ok();
    });
  }

  Status InsertIdentifiers(const std::vector<std::pair<PersonId, Identifier>>& identifiers) override {
    return Guard("storing identifiers", [&]() -> Status {
      TextRows data;
      data.columns = {"person_id", "kind", "value"};
      data.rows.reserve(identifiers.size());
      for (const auto& [person_id, identifier] : identifiers) {
        data.rows.push_back({std::to_string(person_id), std::string(IdentifierKindCode(identifier.kind)),
                             identifier.value});
      }
      loader_->Load(sql_, "identifier", data, /*skip_conflicts=*/false);
      loaded_[kIdentifierTable] += static_cast<long long>(identifiers.size());
      return Status::Ok();
    });
  }

  Status InsertAliases(const std::vector<NewAlias>& aliases) override {
    return Guard("storing aliases", [&]() -> Status {
      TextRows data;
      data.columns = {"person_id", "surname", "forenames", "name_key"};
      data.rows.reserve(aliases.size());
      for (const NewAlias& alias : aliases) {
        data.rows.push_back(
            {std::to_string(alias.person_id), alias.surname, alias.forenames, NameKey(alias.surname, alias.forenames)});
      }
      loader_->Load(sql_, "person_alias", data, /*skip_conflicts=*/true);
      loaded_[kAliasTable] += static_cast<long long>(aliases.size());
      return Status::Ok();
    });
  }

  Status InsertEvents(const std::vector<Event>& events, int64_t import_run_id) override {
    return Guard("storing events", [&]() -> Status {
      TextRows data;
      data.columns = {"person_id", "kind", "event_date", "offence_date", "offence_category", "outcome", "latitude",
                      "longitude", "lsoa_code", "source_system", "source_record_id", "import_run_id", "recorded_at"};
      data.rows.reserve(events.size());
      const std::string run = std::to_string(import_run_id);
      for (const Event& event : events) {
        data.rows.push_back(
            {std::to_string(event.person_id), std::string(EventKindCode(event.kind)), FormatIsoDate(event.event_date),
             event.offence_date ? std::optional(FormatIsoDate(*event.offence_date)) : std::nullopt,
             TextOrNull(event.offence_category), TextOrNull(event.outcome),
             event.location ? std::optional(fmt::format("{:.6f}", event.location->latitude)) : std::nullopt,
             event.location ? std::optional(fmt::format("{:.6f}", event.location->longitude)) : std::nullopt,
             TextOrNull(event.lsoa_code), event.source_system, event.source_record_id, run,
             FormatIsoTimestamp(event.recorded_at)});
      }
      loader_->Load(sql_, "event", data, /*skip_conflicts=*/false);
      loaded_[kEventTable] += static_cast<long long>(events.size());
      return Status::Ok();
    });
  }

 private:
  bool HasStatistics(int table) {
    std::string name(kMatchedTableNames[table]);
    long long rows = 0;
    sql_ << kHasStatistics, soci::use(name, "name"), soci::into(rows);
    return rows > 0;
  }

  // A role that does not own the table gets a warning, not an error, and the import goes on without statistics.
  void Analyse(int table) { sql_ << "ANALYZE " << kMatchedTableNames[table]; }

  long long AnalysedRows(int table) {
    std::string name(kMatchedTableNames[table]);
    double rows = 0;
    sql_ << kAnalysedRows, soci::use(name, "name"), soci::into(rows);
    return static_cast<long long>(rows);
  }

  soci::session& sql_;
  Backend backend_;
  std::unique_ptr<BulkLoader> loader_;
  long long next_sqlite_id_ = 0;
  // PostgreSQL, per matched table: its rows at the last analysis, and the rows this import has loaded since.
  long long analysed_rows_[kMatchedTables] = {};
  long long loaded_[kMatchedTables] = {};
};

}  // namespace

std::unique_ptr<EventImportStore> MakeEventImportStore(soci::session& sql, Backend backend) {
  return std::make_unique<SociEventImportStore>(sql, backend);
}

}  // namespace openiom::storage_internal
