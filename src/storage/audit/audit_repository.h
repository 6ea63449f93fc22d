// The audit trail's storage: append one entry at a time, read them back in order.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/audit/audit_entry.h"

namespace openiom {

struct AuditQuery {
  std::string username;     // exact, or empty for any
  std::string object_type;  // with object_id: entries about one record
  std::string object_id;
  std::optional<Date> from;  // inclusive, by UTC date of `at`
  std::optional<Date> to;    // inclusive
  int limit = 100;
  int offset = 0;
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Takes the lock that orders appends (PostgreSQL; SQLite's write transaction already holds it) and returns
  // the last entry, or nullopt for an empty trail. Call before Append in the same transaction.
  virtual Result<std::optional<AuditEntry>> LockAndReadLast() = 0;
  virtual Status Append(const AuditEntry& entry) = 0;
  // Entries matching `query`, newest first, and how many match in all.
  virtual Result<std::pair<std::vector<AuditEntry>, int64_t>> Search(const AuditQuery& query) = 0;
  // Calls `visit` for every entry in seq order, stopping early when it returns false.
  virtual Status ForEach(const std::function<bool(const AuditEntry&)>& visit) = 0;
  // The same in seq order, each column exactly as stored, for verification: nothing is parsed, so no stored
  // value can fail to load. `at` is its stored text on SQLite; on PostgreSQL, which stores a point in time, it
  // is that time in UTC as YYYY-MM-DDTHH:MM:SS[.ffffff]Z, with the fraction only when there is one.
  virtual Status ForEachStored(const std::function<bool(const StoredAuditEntry&)>& visit) = 0;
};

}  // namespace openiom
