// SQLite's fast path: one prepared INSERT executed for every row inside the caller's transaction.
#include <fmt/format.h>

#include "common/strings.h"
#include "storage/soci_support.h"

namespace openiom::storage_internal {
namespace {

class SqliteBulkLoader final : public BulkLoader {
 public:
  int64_t Load(soci::session& sql, std::string_view table, const TextRows& data, bool skip_conflicts) override {
    if (data.rows.empty()) return 0;
    const size_t width = data.columns.size();
    std::vector<std::string> placeholders;
    for (size_t column = 0; column < width; ++column) placeholders.push_back(fmt::format(":c{}", column));
    const std::string insert = fmt::format("INSERT INTO {} ({}) VALUES ({}){}", table, Join(data.columns, ", "),
                                           Join(placeholders, ", "), skip_conflicts ? " ON CONFLICT DO NOTHING" : "");
    std::vector<std::string> values(width);
    std::vector<soci::indicator> indicators(width);
    soci::statement st(sql);
    st.alloc();
    st.prepare(insert);
    for (size_t column = 0; column < width; ++column) {
      st.exchange(soci::use(values[column], indicators[column], fmt::format("c{}", column)));
    }
    st.define_and_bind();
    int64_t inserted = 0;
    for (const auto& row : data.rows) {
      for (size_t column = 0; column < width; ++column) {
        indicators[column] = row[column] ? soci::i_ok : soci::i_null;
        values[column] = row[column] ? *row[column] : std::string();
      }
      st.execute(true);
      inserted += st.get_affected_rows();
    }
    return inserted;
  }
};

}  // namespace

std::unique_ptr<BulkLoader> MakeSqliteBulkLoader() { return std::make_unique<SqliteBulkLoader>(); }

}  // namespace openiom::storage_internal
