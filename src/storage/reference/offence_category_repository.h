#pragma once

#include <vector>

#include "common/status.h"
#include "domain/reference/reference_data.h"

namespace openiom {

// The offence categories in force. Seeded from the built-in reference file; afterwards the table is
// authoritative so that local changes to the acquisitive and neighbourhood-crime flags are kept.
class OffenceCategoryRepository {
 public:
  virtual ~OffenceCategoryRepository() = default;
  // Inserts the categories whose codes are not yet present; leaves existing rows untouched.
  // Returns how many were inserted.
  virtual Result<int> InsertMissing(const std::vector<OffenceCategory>& categories) = 0;
  virtual Result<OffenceCategoryCatalogue> Load() = 0;
};

}  // namespace openiom
