#include <array>

#include <fmt/format.h>

#include "storage/audit/audit_repository.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

// Appends are ordered by this lock on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers), so
// reading the last entry and appending the next can never interleave: seq stays gapless, the chain unbroken.
constexpr std::string_view kLockAudit = "SELECT pg_advisory_xact_lock(5720462300871229442)";
constexpr std::string_view kColumns =
    "seq, CAST(at AS TEXT), username, agency, action, object_type, object_id, outcome, client_address, detail, "
    "previous_hash, hash";
constexpr std::string_view kInsert =
    "INSERT INTO audit_entry (seq, at, username, agency, action, object_type, object_id, outcome, client_address, "
    "detail, previous_hash, hash) VALUES (:seq, :at, :username, :agency, :action, :object_type, :object_id, "
    ":outcome, :client_address, :detail, :previous_hash, :hash)";

// Every column as text. CAST keeps SQLite from converting what is stored (a number where a time should be is
// shown as the number); PostgreSQL's time is rendered in UTC with any fraction, so a changed fraction shows.
constexpr std::string_view kStoredColumnsTemplate =
    "CAST(seq AS TEXT), {}, CAST(username AS TEXT), CAST(agency AS TEXT), CAST(action AS TEXT), "
    "CAST(object_type AS TEXT), CAST(object_id AS TEXT), CAST(outcome AS TEXT), CAST(client_address AS TEXT), "
    "CAST(detail AS TEXT), CAST(previous_hash AS TEXT), CAST(hash AS TEXT)";
constexpr std::string_view kSqliteStoredAt = "CAST(at AS TEXT)";
constexpr std::string_view kPostgresqlStoredAt =
    "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
    "rtrim(rtrim(to_char(at AT TIME ZONE 'UTC', '.US'), '0'), '.') || 'Z'";

// An entry's columns, bound for fetching.
struct Row {
  long long seq = 0;
  std::string at, username, agency, action, object_type, object_id, outcome, client, detail, previous_hash, hash;
  soci::indicator username_ind, agency_ind, object_type_ind, object_id_ind, client_ind, detail_ind;

  void Bind(soci::statement& st) {
    st.exchange(soci::into(seq));
    st.exchange(soci::into(at));
    st.exchange(soci::into(username, username_ind));
    st.exchange(soci::into(agency, agency_ind));
    st.exchange(soci::into(action));
    st.exchange(soci::into(object_type, object_type_ind));
    st.exchange(soci::into(object_id, object_id_ind));
    st.exchange(soci::into(outcome));
    st.exchange(soci::into(client, client_ind));
    st.exchange(soci::into(detail, detail_ind));
    st.exchange(soci::into(previous_hash));
    st.exchange(soci::into(hash));
  }

  Result<AuditEntry> ToEntry() const {
    AuditEntry entry;
    entry.seq = seq;
    ASSIGN_OR_RETURN(entry.at, TimestampFromColumn(at, "audit_entry.at"));
    entry.username = ValueOr(username, username_ind);
    entry.agency = ValueOr(agency, agency_ind);
    entry.action = action;
    entry.object_type = ValueOr(object_type, object_type_ind);
    entry.object_id = ValueOr(object_id, object_id_ind);
    // An unknown outcome code is kept visible as a failure; verification will flag the hash anyway.
    entry.outcome = AuditOutcomeFromCode(outcome).value_or(AuditOutcome::kFailure);
    entry.client_address = ValueOr(client, client_ind);
    entry.detail = ValueOr(detail, detail_ind);
    entry.previous_hash = previous_hash;
    entry.hash = hash;
    return entry;
  }
};

class SociAuditRepository final : public AuditRepository {
 public:
  SociAuditRepository(soci::session& sql, Backend backend) : sql_(sql), backend_(backend) {}

  Result<std::optional<AuditEntry>> LockAndReadLast() override {
    return Guard("reading the audit trail", [&]() -> Result<std::optional<AuditEntry>> {
      if (backend_ == Backend::kPostgresql) sql_ << kLockAudit;
      std::vector<AuditEntry> entries;
      RETURN_IF_ERROR(Query(fmt::format("SELECT {} FROM audit_entry ORDER BY seq DESC LIMIT 1", kColumns), {},
                            [&](const AuditEntry& entry) {
                              entries.push_back(entry);
                              return true;
                            }));
      if (entries.empty()) return std::optional<AuditEntry>();
      return std::optional<AuditEntry>(entries.front());
    });
  }

  Status Append(const AuditEntry& entry) override {
    return Guard("writing the audit trail", [&]() -> Status {
      long long seq = entry.seq;
      std::string at = FormatIsoTimestamp(entry.at), username = entry.username, agency = entry.agency,
                  action = entry.action, object_type = entry.object_type, object_id = entry.object_id,
                  outcome(AuditOutcomeCode(entry.outcome)), client = entry.client_address, detail = entry.detail,
                  previous_hash = entry.previous_hash, hash = entry.hash;
      soci::indicator username_ind = NullIfEmpty(username), agency_ind = NullIfEmpty(agency),
                      object_type_ind = NullIfEmpty(object_type), object_id_ind = NullIfEmpty(object_id),
                      client_ind = NullIfEmpty(client), detail_ind = NullIfEmpty(detail);
      sql_ << kInsert, soci::use(seq, "seq"), soci::use(at, "at"), soci::use(username, username_ind, "username"),
          soci::use(agency, agency_ind, "agency"), soci::use(action, "action"),
          soci::use(object_type, object_type_ind, "object_type"), soci::use(object_id, object_id_ind, "object_id"),
          soci::use(outcome, "outcome"), soci::use(client, client_ind, "client_address"),
          soci::use(detail, detail_ind, "detail"), soci::use(previous_hash, "previous_hash"),
          soci::use(hash, "hash");
      return Status::Ok();
    });
  }

  Result<std::pair<std::vector<AuditEntry>, int64_t>> Search(const AuditQuery& query) override {
    return Guard("searching the audit trail", [&]() -> Result<std::pair<std::vector<AuditEntry>, int64_t>> {
      // Each filter is a fixed clause with a bound parameter; only which clauses appear varies.
      std::vector<std::string> where;
      TextParams params;
      if (!query.username.empty()) {
        where.emplace_back("username = :username");
        params.emplace_back("username", query.username);
      }
      if (!query.object_type.empty()) {
        where.emplace_back("object_type = :object_type AND object_id = :object_id");
        params.emplace_back("object_type", query.object_type);
        params.emplace_back("object_id", query.object_id);
      }
      if (query.from) {
        where.emplace_back("at >= :from");
        params.emplace_back("from", FormatIsoTimestamp(Timestamp{*query.from}));
      }
      if (query.to) {
        where.emplace_back("at < :to");
        params.emplace_back("to", FormatIsoTimestamp(Timestamp{*query.to + std::chrono::days{1}}));
      }
      std::string filter;
      for (size_t index = 0; index < where.size(); ++index) filter += (index ? " AND " : " WHERE ") + where[index];
      std::vector<AuditEntry> entries;
      RETURN_IF_ERROR(Query(fmt::format("SELECT {} FROM audit_entry{} ORDER BY seq DESC LIMIT {} OFFSET {}", kColumns,
                                        filter, query.limit, query.offset),
                            params, [&](const AuditEntry& entry) {
                              entries.push_back(entry);
                              return true;
                            }));
      return std::make_pair(std::move(entries), CountWhere(sql_, "audit_entry", filter, params));
    });
  }

  Status ForEach(const std::function<bool(const AuditEntry&)>& visit) override {
    return Guard("reading the audit trail", [&]() -> Status {
      return Query(fmt::format("SELECT {} FROM audit_entry ORDER BY seq", kColumns), {}, visit);
    });
  }

  Status ForEachStored(const std::function<bool(const StoredAuditEntry&)>& visit) override {
    return Guard("reading the audit trail", [&]() -> Status {
      const std::string columns = fmt::format(
          fmt::runtime(kStoredColumnsTemplate), backend_ == Backend::kSqlite ? kSqliteStoredAt : kPostgresqlStoredAt);
      std::array<std::string, 12> values;
      std::array<soci::indicator, 12> indicators{};
      soci::statement st(sql_);
      st.alloc();
      // Qualified: PostgreSQL would otherwise order by the output column seq, which is text ("10" before "2").
      st.prepare(fmt::format("SELECT {} FROM audit_entry ORDER BY audit_entry.seq", columns));
      for (size_t index = 0; index < values.size(); ++index) st.exchange(soci::into(values[index], indicators[index]));
      st.define_and_bind();
      st.execute();
      while (st.fetch()) {
        const auto column = [&](size_t index) {
          return indicators[index] == soci::i_null ? std::nullopt : std::optional<std::string>(values[index]);
        };
        const StoredAuditEntry stored{.seq = column(0), .at = column(1), .username = column(2), .agency = column(3),
                                      .action = column(4), .object_type = column(5), .object_id = column(6),
                                      .outcome = column(7), .client_address = column(8), .detail = column(9),
                                      .previous_hash = column(10), .hash = column(11)};
        if (!visit(stored)) break;
      }
      return Status::Ok();
    });
  }

 private:

  Status Query(const std::string& query, TextParams params, const std::function<bool(const AuditEntry&)>& visit) {
    Row row;
    soci::statement st(sql_);
    st.alloc();
    st.prepare(query);
    row.Bind(st);
    for (auto& [name, value] : params) st.exchange(soci::use(value, name));
    st.define_and_bind();
    st.execute();
    while (st.fetch()) {
      ASSIGN_OR_RETURN(AuditEntry entry, row.ToEntry());
      if (!visit(entry)) break;
    }
    return Status::Ok();
  }

  soci::session& sql_;
  Backend backend_;
};

}  // namespace

std::unique_ptr<AuditRepository> MakeRepository(RepositoryTag<AuditRepository>, soci::session& sql, Backend backend) {
  return std::make_unique<SociAuditRepository>(sql, backend);
}

}  // namespace openiom::storage_internal

template openiom::AuditRepository& openiom::Transaction::Get<openiom::AuditRepository>();
