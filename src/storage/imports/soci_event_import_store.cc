#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/imports/event_import_store.h"
#include "storage/migration_script.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {

// The import records its run in the same transaction (storage/reference/soci_reference_repositories.cc).
std::unique_ptr<ImportRunRepository> MakeRepository(RepositoryTag<ImportRunRepository>, soci::session& sql, Backend);

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
// {identifier}, {person}, {alias}: the stored tables or SQLite's staged ones; {alias_exists} and {has_pnc} look in
// both where rows are staged. The staged queries join the arms at the top (UNION): SQLite would materialise a
// union of two tables in a FROM clause in full for every batch instead of probing its indexes.
constexpr std::string_view kMatchByPncArm =
    "SELECT b.row_index, p.id, p.name_key, CAST(p.date_of_birth AS TEXT), CASE WHEN {alias_exists} THEN 1 ELSE 0 END "
    "FROM import_batch b CROSS JOIN {identifier} i CROSS JOIN {person} p "
    "WHERE i.kind = 'pnc' AND i.value = b.pnc AND p.id = i.person_id";
constexpr std::string_view kAliasExists =
    "EXISTS (SELECT 1 FROM {alias} a WHERE a.person_id = p.id AND a.name_key = b.name_key)";
constexpr std::string_view kMatchByNameArm =
    "SELECT b.row_index, p.id, CASE WHEN {has_pnc} THEN 1 ELSE 0 END "
    "FROM import_batch b CROSS JOIN {person} p WHERE p.name_key = b.name_key AND p.date_of_birth = b.date_of_birth";
constexpr std::string_view kMatchByAliasArm =
    "SELECT b.row_index, p.id, CASE WHEN {has_pnc} THEN 1 ELSE 0 END "
    "FROM import_batch b CROSS JOIN {alias} a CROSS JOIN {person} p "
    "WHERE a.name_key = b.name_key AND p.id = a.person_id AND p.date_of_birth = b.date_of_birth";
constexpr std::string_view kHasPnc = "EXISTS (SELECT 1 FROM {identifier} i WHERE i.person_id = p.id AND i.kind = 'pnc')";
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

// SQLite's staging (see EventImportStore::Begin): the rows an import will write, and every key it looked up.
constexpr std::string_view kDropStaging[] = {
    "DROP TABLE IF EXISTS staged_person", "DROP TABLE IF EXISTS staged_identifier",
    "DROP TABLE IF EXISTS staged_alias", "DROP TABLE IF EXISTS staged_event", "DROP TABLE IF EXISTS import_key"};
constexpr std::string_view kCreateStaging[] = {
    "CREATE TEMP TABLE staged_person (id INTEGER PRIMARY KEY, surname TEXT NOT NULL, forenames TEXT NOT NULL, "
    "name_key TEXT NOT NULL, date_of_birth DATE, gender CHAR(1) NOT NULL, ethnicity TEXT, address_line TEXT, "
    "postcode TEXT, lsoa_code TEXT, district TEXT, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, "
    "version INTEGER NOT NULL)",
    "CREATE INDEX temp.staged_person_name ON staged_person (name_key, date_of_birth)",
    "CREATE TEMP TABLE staged_identifier (person_id BIGINT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL)",
    "CREATE INDEX temp.staged_identifier_value ON staged_identifier (kind, value)",
    "CREATE INDEX temp.staged_identifier_person ON staged_identifier (person_id, kind)",
    "CREATE TEMP TABLE staged_alias (person_id BIGINT NOT NULL, surname TEXT NOT NULL, forenames TEXT NOT NULL, "
    "name_key TEXT NOT NULL, UNIQUE (person_id, name_key))",
    "CREATE INDEX temp.staged_alias_name ON staged_alias (name_key)",
    "CREATE TEMP TABLE staged_event (person_id BIGINT NOT NULL, kind TEXT NOT NULL, event_date DATE NOT NULL, "
    "offence_date DATE, offence_category TEXT, outcome TEXT, latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, "
    "lsoa_code TEXT, source_system TEXT NOT NULL, source_record_id TEXT NOT NULL, import_run_id BIGINT, "
    "recorded_at TIMESTAMPTZ NOT NULL)",
    "CREATE TEMP TABLE import_key (pnc TEXT, name_key TEXT NOT NULL, date_of_birth DATE NOT NULL)",
    "CREATE INDEX temp.import_key_pnc ON import_key (pnc)",
    "CREATE INDEX temp.import_key_name ON import_key (name_key, date_of_birth)",
};
constexpr std::string_view kRememberKeys =
    "INSERT INTO import_key (pnc, name_key, date_of_birth) SELECT pnc, name_key, date_of_birth FROM import_batch";
// What the snapshot held: rows added later have larger ids, and identity_change logs later changes to stored rows.
constexpr std::string_view kSnapshot =
    "SELECT (SELECT COALESCE(MAX(id), 0) FROM person), (SELECT COALESCE(MAX(id), 0) FROM person_alias), "
    "(SELECT COALESCE(MAX(id), 0) FROM identifier), (SELECT COALESCE(MAX(id), 0) FROM event), "
    "(SELECT COALESCE(MAX(id), 0) FROM identity_change)";
// A person added or changed since the snapshot whose name, alias, date of birth or PNC ID, now or before the
// change, is one the file's rows were matched by. Driven by the few rows added or changed meanwhile.
constexpr std::string_view kChangedPerson =
    "WITH touched (person_id) AS (SELECT id FROM person WHERE id > :person_max "
    "UNION SELECT person_id FROM person_alias WHERE id > :alias_max "
    "UNION SELECT person_id FROM identifier WHERE id > :identifier_max "
    "UNION SELECT person_id FROM identity_change WHERE id > :change_max) "
    "SELECT p.id FROM touched t CROSS JOIN person p WHERE p.id = t.person_id AND ("
    "EXISTS (SELECT 1 FROM import_key k WHERE k.name_key = p.name_key AND k.date_of_birth = p.date_of_birth) OR "
    "EXISTS (SELECT 1 FROM person_alias a CROSS JOIN import_key k WHERE a.person_id = p.id "
    "AND k.name_key = a.name_key AND k.date_of_birth = p.date_of_birth) OR "
    "EXISTS (SELECT 1 FROM identifier i CROSS JOIN import_key k WHERE i.person_id = p.id AND i.kind = 'pnc' "
    "AND k.pnc = i.value)) "
    "UNION SELECT c.person_id FROM identity_change c WHERE c.id > :logged_max AND ("
    "EXISTS (SELECT 1 FROM import_key k WHERE k.name_key = c.name_key AND k.date_of_birth = c.date_of_birth) OR "
    "EXISTS (SELECT 1 FROM import_key k WHERE k.pnc = c.pnc)) "
    "LIMIT 1";
constexpr std::string_view kAddedEvent =
    "SELECT e.id FROM event e WHERE e.id > :event_max AND e.source_system = :source_system "
    "AND EXISTS (SELECT 1 FROM import_seen s WHERE s.source_record_id = e.source_record_id) LIMIT 1";
// Staged people's ids are above the snapshot's largest; {shift} moves them past any person added since.
constexpr std::string_view kStagedPersonId =
    "CASE WHEN person_id > {staged_after} THEN person_id + {shift} ELSE person_id END";
constexpr std::string_view kPublishPeople =
    "INSERT INTO person (id, surname, forenames, name_key, date_of_birth, gender, ethnicity, address_line, postcode, "
    "lsoa_code, district, created_at, updated_at, version) SELECT id + {shift}, surname, forenames, name_key, "
    "date_of_birth, gender, ethnicity, address_line, postcode, lsoa_code, district, created_at, updated_at, version "
    "FROM staged_person";
constexpr std::string_view kPublishIdentifiers =
    "INSERT INTO identifier (person_id, kind, value) SELECT {person_id}, kind, value FROM staged_identifier";
constexpr std::string_view kPublishAliases =
    "INSERT INTO person_alias (person_id, surname, forenames, name_key) SELECT {person_id}, surname, forenames, "
    "name_key FROM staged_alias WHERE true ON CONFLICT DO NOTHING";
constexpr std::string_view kPublishEvents =
    "INSERT INTO event (person_id, kind, event_date, offence_date, offence_category, outcome, latitude, longitude, "
    "lsoa_code, source_system, source_record_id, import_run_id, recorded_at) SELECT {person_id}, kind, event_date, "
    "offence_date, offence_category, outcome, latitude, longitude, lsoa_code, source_system, source_record_id, {run}, "
    "recorded_at FROM staged_event";

class SociEventImportStore final : public EventImportStore {
 public:
  SociEventImportStore(soci::session& sql, Backend backend)
      : sql_(sql), backend_(backend), loader_(MakeBulkLoader(backend)) {}

  ~SociEventImportStore() override {
    if (staged_) {
      // The staged rows are on disk in the connection's temporary database; a pooled connection would keep them.
      try {
        for (std::string_view drop : kDropStaging) sql_ << drop;
      } catch (const soci::soci_error&) {  // the next import's Begin drops them
      }
    }
    if (lock_fd_ >= 0) close(lock_fd_);
  }

  Result<int64_t> Begin(const ImportRun& run) override {
    return Guard("preparing an import", [&]() -> Result<int64_t> {
      int64_t run_id = 0;
      if (backend_ == Backend::kPostgresql) {
        sql_ << kLockImports;
        for (std::string_view setting : kPlanForBatches) sql_ << setting;
        for (int table = 0; table < kMatchedTables; ++table) {
          if (!HasStatistics(table)) Analyse(table);
          analysed_rows_[table] = AnalysedRows(table);
        }
        ASSIGN_OR_RETURN(run_id, MakeRepository(RepositoryTag<ImportRunRepository>{}, sql_, backend_)->Create(run));
      } else {
        // Before the first read, which starts the snapshot: an import that waited for another must see its rows.
        RETURN_IF_ERROR(LockSqliteImports());
        sql_ << kSnapshot, soci::into(snapshot_.person), soci::into(snapshot_.alias), soci::into(snapshot_.identifier),
            soci::into(snapshot_.event), soci::into(snapshot_.change);
        for (std::string_view drop : kDropStaging) sql_ << drop;
        for (std::string_view create : kCreateStaging) sql_ << create;
        staged_ = true;
      }
      for (std::string_view drop : kDropScratch) sql_ << drop;
      for (const std::string& create : MigrationStatements(kCreateScratch, backend_)) sql_ << create;
      BuildMatchQueries();
      return run_id;
    });
  }

  Result<int64_t> Publish(const ImportRun& run) override {
    if (!staged_) return run.id;
    return Guard("storing the import", [&]() -> Result<int64_t> {
      RETURN_IF_ERROR(CheckNothingChanged(run.source_system));
      ASSIGN_OR_RETURN(const int64_t run_id,
                       MakeRepository(RepositoryTag<ImportRunRepository>{}, sql_, backend_)->Create(run));
      long long largest = 0;
      sql_ << kMaxPersonId, soci::into(largest);
      const std::string shift = std::to_string(largest - snapshot_.person);
      const std::string person_id =
          fmt::format(fmt::runtime(kStagedPersonId), fmt::arg("staged_after", snapshot_.person), fmt::arg("shift", shift));
      sql_ << fmt::format(fmt::runtime(kPublishPeople), fmt::arg("shift", shift));
      sql_ << fmt::format(fmt::runtime(kPublishIdentifiers), fmt::arg("person_id", person_id));
      sql_ << fmt::format(fmt::runtime(kPublishAliases), fmt::arg("person_id", person_id));
      sql_ << fmt::format(fmt::runtime(kPublishEvents), fmt::arg("person_id", person_id), fmt::arg("run", run_id));
      return run_id;
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
        soci::statement st = (sql_.prepare << match_by_pnc_, soci::into(row), soci::into(person), soci::into(name_key),
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
            (sql_.prepare << match_by_name_, soci::into(row), soci::into(person), soci::into(has_pnc));
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
        if (staged_) sql_ << kRememberKeys;
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
      loader_->Load(sql_, staged_ ? "staged_person" : "person", data, /*skip_conflicts=*/false);
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
      loader_->Load(sql_, staged_ ? "staged_identifier" : "identifier", data, /*skip_conflicts=*/false);
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
      loader_->Load(sql_, staged_ ? "staged_alias" : "person_alias", data, /*skip_conflicts=*/true);
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
      loader_->Load(sql_, staged_ ? "staged_event" : "event", data, /*skip_conflicts=*/false);
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

  void BuildMatchQueries() {
    const auto arm = [](std::string_view sql, std::string_view identifier, std::string_view person,
                        std::string_view alias, const std::string& alias_exists, const std::string& has_pnc) {
      return fmt::format(fmt::runtime(sql), fmt::arg("identifier", identifier), fmt::arg("person", person),
                         fmt::arg("alias", alias), fmt::arg("alias_exists", alias_exists),
                         fmt::arg("has_pnc", has_pnc));
    };
    const auto in = [](std::string_view test, std::string_view stored, std::string_view staged, bool both) {
      const std::string first = fmt::format(fmt::runtime(test), fmt::arg("alias", stored), fmt::arg("identifier", stored));
      if (!both) return first;
      return fmt::format("({} OR {})", first,
                         fmt::format(fmt::runtime(test), fmt::arg("alias", staged), fmt::arg("identifier", staged)));
    };
    const std::string alias_exists = in(kAliasExists, "person_alias", "staged_alias", staged_);
    const std::string has_pnc = in(kHasPnc, "identifier", "staged_identifier", staged_);
    // Stored identifiers belong to stored people; staged ones to either. Likewise aliases.
    match_by_pnc_ = arm(kMatchByPncArm, "identifier", "person", "", alias_exists, has_pnc);
    match_by_name_ = arm(kMatchByNameArm, "", "person", "", alias_exists, has_pnc) + " UNION " +
                     arm(kMatchByAliasArm, "", "person", "person_alias", alias_exists, has_pnc);
    if (staged_) {
      match_by_pnc_ += " UNION ALL " + arm(kMatchByPncArm, "staged_identifier", "person", "", alias_exists, has_pnc) +
                       " UNION ALL " +
                       arm(kMatchByPncArm, "staged_identifier", "staged_person", "", alias_exists, has_pnc);
      match_by_name_ += " UNION " + arm(kMatchByNameArm, "", "staged_person", "", alias_exists, has_pnc) + " UNION " +
                        arm(kMatchByAliasArm, "", "person", "staged_alias", alias_exists, has_pnc) + " UNION " +
                        arm(kMatchByAliasArm, "", "staged_person", "staged_alias", alias_exists, has_pnc);
    }
    match_by_name_ += " ORDER BY 1, 2";
  }

  // SQLite imports are serialised by an exclusive lock on a file beside the database (PostgreSQL's is an advisory
  // lock): each matches its file against what the one before it wrote. The kernel releases it if the process dies.
  Status LockSqliteImports() {
    // From the connection, not a query: preparing any statement reads the schema, which would start the snapshot.
    sqlite_api::sqlite3* connection = static_cast<soci::sqlite3_session_backend*>(sql_.get_backend())->conn_;
    const char* name = sqlite_api::sqlite3_db_filename(connection, "main");
    const std::string file = name != nullptr ? name : "";
    if (file.empty()) return Status::Ok();  // an in-memory database has one connection
    const std::string path = file + "-import.lock";
    lock_fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (lock_fd_ < 0) {
      return Status::Unavailable(fmt::format("cannot open the import lock {}: {}", path, std::strerror(errno)));
    }
    while (flock(lock_fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        return Status::Unavailable(fmt::format("cannot lock the import lock {}: {}", path, std::strerror(errno)));
      }
    }
    return Status::Ok();
  }

  Status CheckNothingChanged(const std::string& source_system) {
    long long person = 0;
    soci::indicator person_ind = soci::i_null;
    sql_ << kChangedPerson, soci::use(snapshot_.person, "person_max"), soci::use(snapshot_.alias, "alias_max"),
        soci::use(snapshot_.identifier, "identifier_max"), soci::use(snapshot_.change, "change_max"),
        soci::use(snapshot_.change, "logged_max"), soci::into(person, person_ind);
    if (person_ind == soci::i_ok) {
      return Status::Conflict(fmt::format(
          "person {} was added or changed while the file was being matched, with a name, date of birth or PNC ID "
          "that rows of the file have; nothing was imported: import the file again",
          person));
    }
    long long event = 0;
    soci::indicator event_ind = soci::i_null;
    std::string source = source_system;
    sql_ << kAddedEvent, soci::use(snapshot_.event, "event_max"), soci::use(source, "source_system"),
        soci::into(event, event_ind);
    if (event_ind == soci::i_ok) {
      return Status::Conflict(fmt::format(
          "event {} was recorded from source {} under a source id of the file while the file was being matched; "
          "nothing was imported: import the file again",
          event, source_system));
    }
    return Status::Ok();
  }

  soci::session& sql_;
  Backend backend_;
  std::unique_ptr<BulkLoader> loader_;
  std::string match_by_pnc_;
  std::string match_by_name_;
  bool staged_ = false;  // SQLite, between Begin and Publish: see EventImportStore::Begin
  int lock_fd_ = -1;
  // The largest ids when SQLite's snapshot was taken.
  struct {
    long long person = 0, alias = 0, identifier = 0, event = 0, change = 0;
  } snapshot_;
  long long next_sqlite_id_ = 0;
  // PostgreSQL, per matched table: its rows at the last analysis, and the rows this import has loaded since.
  long long analysed_rows_[kMatchedTables] = {};
  long long loaded_[kMatchedTables] = {};
};

}  // namespace

std::unique_ptr<EventImportStore> MakeRepository(RepositoryTag<EventImportStore>, soci::session& sql, Backend backend) {
  return std::make_unique<SociEventImportStore>(sql, backend);
}

}  // namespace openiom::storage_internal

template openiom::EventImportStore& openiom::Transaction::Get<openiom::EventImportStore>();
