#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/accounts/agency.h"

namespace openiom {

class AgencyRepository {
 public:
  virtual ~AgencyRepository() = default;
  // Conflict when an agency of that name exists.
  virtual Result<AgencyId> Create(const Agency& agency) = 0;
  virtual Result<std::optional<Agency>> FindByName(const std::string& name) = 0;
  // Ordered by name.
  virtual Result<std::vector<Agency>> List() = 0;
};

}  // namespace openiom
