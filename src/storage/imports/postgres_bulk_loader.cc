// PostgreSQL's fast path: COPY ... FROM STDIN over the session's libpq connection (row-at-a-time inserts are
// two orders of magnitude slower; see docs/platform notes). Rows that may conflict go through a scratch
// table so that ON CONFLICT DO NOTHING can drop them.
#include <libpq-fe.h>

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include "common/strings.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

constexpr size_t kCopyChunkBytes = 1 << 20;

void AppendCopyText(std::string& out, const std::optional<std::string>& value) {
  if (!value) {
    out += "\\N";
    return;
  }
  for (char c : *value) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

[[noreturn]] void ThrowFromResult(PGresult* result, PGconn* conn) {
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn);
  const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string state = sqlstate ? sqlstate : "XX000";
  if (result) PQclear(result);
  throw soci::postgresql_soci_error(message, state.c_str());
}

int64_t Copy(PGconn* conn, std::string_view table, const TextRows& data) {
  const std::string command = fmt::format("COPY {} ({}) FROM STDIN", table, Join(data.columns, ", "));
  PGresult* started = PQexec(conn, command.c_str());
  if (PQresultStatus(started) != PGRES_COPY_IN) ThrowFromResult(started, conn);
  PQclear(started);
  std::string chunk;
  chunk.reserve(kCopyChunkBytes + 4096);
  auto flush = [&] {
    if (!chunk.empty() && PQputCopyData(conn, chunk.data(), static_cast<int>(chunk.size())) != 1) {
      // End the COPY before throwing, or the connection would stay in COPY mode and go back to the pool broken.
      const std::string message = PQerrorMessage(conn);
      PQputCopyEnd(conn, "openiom: sending rows failed");
      while (PGresult* result = PQgetResult(conn)) PQclear(result);
      throw soci::postgresql_soci_error(message, "08006");
    }
    chunk.clear();
  };
  for (const auto& row : data.rows) {
    for (size_t column = 0; column < row.size(); ++column) {
      if (column) chunk.push_back('\t');
      AppendCopyText(chunk, row[column]);
    }
    chunk.push_back('\n');
    if (chunk.size() >= kCopyChunkBytes) flush();
  }
  flush();
  if (PQputCopyEnd(conn, nullptr) != 1) ThrowFromResult(nullptr, conn);
  PGresult* finished = PQgetResult(conn);
  if (PQresultStatus(finished) != PGRES_COMMAND_OK) {
    while (PGresult* extra = PQgetResult(conn)) PQclear(extra);  // leave the connection ready for ROLLBACK
    ThrowFromResult(finished, conn);
  }
  const int64_t copied = ParseInt64(PQcmdTuples(finished)).value_or(0);
  PQclear(finished);
  while (PGresult* extra = PQgetResult(conn)) PQclear(extra);
  return copied;
}

class PostgresBulkLoader final : public BulkLoader {
 public:
  int64_t Load(soci::session& sql, std::string_view table, const TextRows& data, bool skip_conflicts) override {
    if (data.rows.empty()) return 0;
    PGconn* conn = static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
    if (!skip_conflicts) return Copy(conn, table, data);
    const std::string columns = Join(data.columns, ", ");
    sql << fmt::format("CREATE TEMP TABLE openiom_bulk_stage AS SELECT {} FROM {} WITH NO DATA", columns, table);
    Copy(conn, "openiom_bulk_stage", data);
    soci::statement insert = (sql.prepare << fmt::format(
                                  "INSERT INTO {} ({}) SELECT {} FROM openiom_bulk_stage ON CONFLICT DO NOTHING",
                                  table, columns, columns));
    insert.execute(true);
    const int64_t inserted = insert.get_affected_rows();
    sql << "DROP TABLE openiom_bulk_stage";
    return inserted;
  }
};

}  // namespace

std::unique_ptr<BulkLoader> MakePostgresBulkLoader() { return std::make_unique<PostgresBulkLoader>(); }

}  // namespace openiom::storage_internal
