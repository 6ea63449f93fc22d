// Street-level recorded crime and ASB for an area (data.police.uk), with no person attached:
// context for maps and area profiles.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/people/event.h"

namespace openiom {

struct AreaCrime {
  std::string crime_key;  // the Crime ID, or a stable key derived from the row for ASB (no Crime ID)
  std::string crime_id;   // as published, may be empty
  std::string month;      // YYYY-MM
  std::string reported_by;
  std::string falls_within;
  std::optional<GeoPoint> location;
  std::string location_description;
  std::string lsoa_code;
  std::string lsoa_name;
  std::string crime_type;        // as published
  std::string offence_category;  // OpenIOM category, empty for ASB
  std::string category_precision;  // "exact", "approximate", "none"
  std::string last_outcome;
  std::string context;
  std::string district;  // Cleveland district name, empty when the LSOA is outside Cleveland
  bool in_area = false;  // the LSOA is in one of Cleveland's four districts
};

struct AreaCrimeCounts {
  int64_t total = 0;
  int64_t outside_area = 0;
};

class AreaCrimeRepository {
 public:
  virtual ~AreaCrimeRepository() = default;
  // Inserts the rows whose crime_key is not yet stored; returns how many were inserted.
  virtual Result<int64_t> InsertNew(const std::vector<AreaCrime>& rows, int64_t import_run_id) = 0;
  virtual Result<AreaCrimeCounts> Count() = 0;
};

}  // namespace openiom
