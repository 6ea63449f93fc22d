// Agencies, offence categories and the import log: small tables with simple SQL.
#include <fmt/format.h>

#include "storage/accounts/agency_repository.h"
#include "storage/imports/import_run_repository.h"
#include "storage/reference/offence_category_repository.h"
#include "storage/soci_support.h"

namespace openiom {

namespace storage_internal {
namespace {

constexpr std::string_view kInsertAgency = "INSERT INTO agency (name, kind) VALUES (:name, :kind) RETURNING id";
constexpr std::string_view kSelectAgencyByName = "SELECT id, kind FROM agency WHERE name = :name";
constexpr std::string_view kListAgencies = "SELECT id, name, kind FROM agency ORDER BY name";

class SociAgencyRepository final : public AgencyRepository {
 public:
  explicit SociAgencyRepository(soci::session& sql) : sql_(sql) {}

  Result<AgencyId> Create(const Agency& agency) override {
    return Guard("creating an agency", [&]() -> Result<AgencyId> {
      ASSIGN_OR_RETURN(std::optional<Agency> existing, FindByName(agency.name));
      if (existing) return Status::Conflict(fmt::format("an agency called '{}' already exists", agency.name));
      std::string name = agency.name, kind(AgencyKindCode(agency.kind));
      long long id = 0;
      sql_ << kInsertAgency, soci::use(name, "name"), soci::use(kind, "kind"), soci::into(id);
      return AgencyId{id};
    });
  }

  Result<std::optional<Agency>> FindByName(const std::string& name) override {
    return Guard("finding an agency", [&]() -> Result<std::optional<Agency>> {
      std::string bound = name, kind;
      long long id = 0;
      sql_ << kSelectAgencyByName, soci::use(bound, "name"), soci::into(id), soci::into(kind);
      if (!sql_.got_data()) return std::optional<Agency>();
      return std::optional<Agency>(Agency{id, name, AgencyKindFromCode(kind).value_or(AgencyKind::kVoluntary)});
    });
  }

  Result<std::vector<Agency>> List() override {
    return Guard("listing agencies", [&]() -> Result<std::vector<Agency>> {
      long long id = 0;
      std::string name, kind;
      soci::statement st = (sql_.prepare << kListAgencies, soci::into(id), soci::into(name), soci::into(kind));
      st.execute();
      std::vector<Agency> agencies;
      while (st.fetch()) agencies.push_back({id, name, AgencyKindFromCode(kind).value_or(AgencyKind::kVoluntary)});
      return agencies;
    });
  }

 private:
  soci::session& sql_;
};

constexpr std::string_view kInsertCategory =
    "INSERT INTO offence_category (code, name, offence_group, acquisitive, neighbourhood_crime, source) "
    "VALUES (:code, :name, :offence_group, :acquisitive, :neighbourhood_crime, :source) "
    "ON CONFLICT (code) DO NOTHING";
constexpr std::string_view kSelectCategories =
    "SELECT code, name, offence_group, acquisitive, neighbourhood_crime, source FROM offence_category ORDER BY code";

class SociOffenceCategoryRepository final : public OffenceCategoryRepository {
 public:
  explicit SociOffenceCategoryRepository(soci::session& sql) : sql_(sql) {}

  Result<int> InsertMissing(const std::vector<OffenceCategory>& categories) override {
    return Guard("storing offence categories", [&]() -> Result<int> {
      int inserted = 0;
      for (const OffenceCategory& category : categories) {
        std::string code = category.code, name = category.name, group = category.offence_group,
                    source = category.source;
        int acquisitive = category.acquisitive ? 1 : 0, neighbourhood = category.neighbourhood_crime ? 1 : 0;
        soci::statement st = (sql_.prepare << kInsertCategory, soci::use(code, "code"), soci::use(name, "name"),
                              soci::use(group, "offence_group"), soci::use(acquisitive, "acquisitive"),
                              soci::use(neighbourhood, "neighbourhood_crime"), soci::use(source, "source"));
        st.execute(true);
        inserted += static_cast<int>(st.get_affected_rows());
      }
      return inserted;
    });
  }

  Result<OffenceCategoryCatalogue> Load() override {
    return Guard("reading offence categories", [&]() -> Result<OffenceCategoryCatalogue> {
      std::string code, name, group, source;
      int acquisitive = 0, neighbourhood = 0;
      soci::statement st = (sql_.prepare << kSelectCategories, soci::into(code), soci::into(name), soci::into(group),
                            soci::into(acquisitive), soci::into(neighbourhood), soci::into(source));
      st.execute();
      std::vector<OffenceCategory> categories;
      while (st.fetch()) categories.push_back({code, name, group, acquisitive != 0, neighbourhood != 0, source});
      return OffenceCategoryCatalogue(std::move(categories));
    });
  }

 private:
  soci::session& sql_;
};

constexpr std::string_view kInsertImportRun =
    "INSERT INTO import_run (kind, source_system, file_name, started_at, finished_at, outcome, rows_read, "
    "rows_loaded, rows_skipped, rows_rejected, people_created, message) VALUES (:kind, :source_system, :file_name, "
    ":started_at, :finished_at, :outcome, :rows_read, :rows_loaded, :rows_skipped, :rows_rejected, :people_created, "
    ":message) RETURNING id";
constexpr std::string_view kFinishImportRun =
    "UPDATE import_run SET finished_at = :finished_at, outcome = :outcome, rows_read = :rows_read, "
    "rows_loaded = :rows_loaded, rows_skipped = :rows_skipped, rows_rejected = :rows_rejected, "
    "people_created = :people_created, message = :message WHERE id = :id";
constexpr std::string_view kListImportRuns =
    "SELECT id, kind, source_system, file_name, CAST(started_at AS TEXT), CAST(finished_at AS TEXT), outcome, "
    "rows_read, rows_loaded, rows_skipped, rows_rejected, people_created, message FROM import_run "
    "ORDER BY id DESC LIMIT :limit";

// Bound copies of an import run's columns.
struct ImportRunColumns {
  explicit ImportRunColumns(const ImportRun& run)
      : kind(run.kind),
        source_system(run.source_system),
        file_name(run.file_name),
        started_at(FormatIsoTimestamp(run.started_at)),
        finished_at(run.finished_at ? FormatIsoTimestamp(*run.finished_at) : std::string()),
        outcome(ImportOutcomeCode(run.outcome)),
        message(run.message),
        rows_read(run.rows_read),
        rows_loaded(run.rows_loaded),
        rows_skipped(run.rows_skipped),
        rows_rejected(run.rows_rejected),
        people_created(run.people_created) {}
  std::string kind, source_system, file_name, started_at, finished_at, outcome, message;
  long long rows_read, rows_loaded, rows_skipped, rows_rejected, people_created;
  soci::indicator source_ind = NullIfEmpty(source_system), file_ind = NullIfEmpty(file_name),
                  finished_ind = NullIfEmpty(finished_at), message_ind = NullIfEmpty(message);
};

class SociImportRunRepository final : public ImportRunRepository {
 public:
  explicit SociImportRunRepository(soci::session& sql) : sql_(sql) {}

  Result<int64_t> Create(const ImportRun& run) override {
    return Guard("logging an import", [&]() -> Result<int64_t> {
      ImportRunColumns c(run);
      long long id = 0;
      sql_ << kInsertImportRun, soci::use(c.kind, "kind"), soci::use(c.source_system, c.source_ind, "source_system"),
          soci::use(c.file_name, c.file_ind, "file_name"), soci::use(c.started_at, "started_at"),
          soci::use(c.finished_at, c.finished_ind, "finished_at"), soci::use(c.outcome, "outcome"),
          soci::use(c.rows_read, "rows_read"), soci::use(c.rows_loaded, "rows_loaded"),
          soci::use(c.rows_skipped, "rows_skipped"), soci::use(c.rows_rejected, "rows_rejected"),
          soci::use(c.people_created, "people_created"), soci::use(c.message, c.message_ind, "message"),
          soci::into(id);
      return int64_t{id};
    });
  }

  Status Finish(const ImportRun& run) override {
    return Guard("logging an import", [&]() -> Status {
      ImportRunColumns c(run);
      long long id = run.id;
      sql_ << kFinishImportRun, soci::use(c.finished_at, c.finished_ind, "finished_at"),
          soci::use(c.outcome, "outcome"), soci::use(c.rows_read, "rows_read"),
          soci::use(c.rows_loaded, "rows_loaded"), soci::use(c.rows_skipped, "rows_skipped"),
          soci::use(c.rows_rejected, "rows_rejected"), soci::use(c.people_created, "people_created"),
          soci::use(c.message, c.message_ind, "message"), soci::use(id, "id");
      return Status::Ok();
    });
  }

  Result<std::vector<ImportRun>> ListRecent(int limit) override {
    return Guard("reading the import log", [&]() -> Result<std::vector<ImportRun>> {
      long long id = 0, rows_read = 0, rows_loaded = 0, rows_skipped = 0, rows_rejected = 0, people_created = 0;
      std::string kind, source, file, started, finished, outcome, message;
      soci::indicator source_ind, file_ind, finished_ind, message_ind;
      soci::statement st =
          (sql_.prepare << kListImportRuns, soci::use(limit, "limit"), soci::into(id), soci::into(kind),
           soci::into(source, source_ind), soci::into(file, file_ind), soci::into(started),
           soci::into(finished, finished_ind), soci::into(outcome), soci::into(rows_read), soci::into(rows_loaded),
           soci::into(rows_skipped), soci::into(rows_rejected), soci::into(people_created),
           soci::into(message, message_ind));
      st.execute();
      std::vector<ImportRun> runs;
      while (st.fetch()) {
        ImportRun run{.id = id, .kind = kind, .source_system = ValueOr(source, source_ind),
                      .file_name = ValueOr(file, file_ind)};
        ASSIGN_OR_RETURN(run.started_at, TimestampFromColumn(started, "import_run.started_at"));
        if (finished_ind == soci::i_ok) {
          ASSIGN_OR_RETURN(run.finished_at, TimestampFromColumn(finished, "import_run.finished_at"));
        }
        run.outcome = Parse<ImportOutcome>(outcome).value_or(run.outcome);
        run.rows_read = rows_read;
        run.rows_loaded = rows_loaded;
        run.rows_skipped = rows_skipped;
        run.rows_rejected = rows_rejected;
        run.people_created = people_created;
        run.message = ValueOr(message, message_ind);
        runs.push_back(std::move(run));
      }
      return runs;
    });
  }

 private:
  soci::session& sql_;
};

}  // namespace

std::unique_ptr<AgencyRepository> MakeRepository(RepositoryTag<AgencyRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociAgencyRepository>(sql);
}
std::unique_ptr<OffenceCategoryRepository> MakeRepository(RepositoryTag<OffenceCategoryRepository>,
                                                          soci::session& sql, Backend) {
  return std::make_unique<SociOffenceCategoryRepository>(sql);
}
std::unique_ptr<ImportRunRepository> MakeRepository(RepositoryTag<ImportRunRepository>, soci::session& sql, Backend) {
  return std::make_unique<SociImportRunRepository>(sql);
}

}  // namespace storage_internal
}  // namespace openiom

template openiom::AgencyRepository& openiom::Transaction::Get<openiom::AgencyRepository>();
template openiom::OffenceCategoryRepository& openiom::Transaction::Get<openiom::OffenceCategoryRepository>();
template openiom::ImportRunRepository& openiom::Transaction::Get<openiom::ImportRunRepository>();
