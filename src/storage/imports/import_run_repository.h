// The log of imports: one row per attempt, kept even when the attempt was rejected.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/imports/import_outcome.h"

namespace openiom {

struct ImportRun {
  int64_t id = 0;
  std::string kind;           // "events", "police-uk", "demo-data"
  std::string source_system;  // events imports: the --source name
  std::string file_name;
  Timestamp started_at{};
  std::optional<Timestamp> finished_at;
  ImportOutcome outcome = ImportOutcome::kLoaded;
  int64_t rows_read = 0;
  int64_t rows_loaded = 0;
  int64_t rows_skipped = 0;   // already present from an earlier import
  int64_t rows_rejected = 0;
  int64_t people_created = 0;
  std::string message;
};

class ImportRunRepository {
 public:
  virtual ~ImportRunRepository() = default;
  virtual Result<int64_t> Create(const ImportRun& run) = 0;
  // Updates the outcome, counts, finished_at and message of run.id.
  virtual Status Finish(const ImportRun& run) = 0;
  // Most recent first.
  virtual Result<std::vector<ImportRun>> ListRecent(int limit) = 0;
};

}  // namespace openiom
