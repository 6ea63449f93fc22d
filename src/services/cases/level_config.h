// The level suggestion rules' parameters as a partnership sets them, in JSON (docs/cases.md). Every field is
// optional; what is left out keeps its default (domain/cases/level.h):
//   {"clear_days": 180, "down_compliance": 90, "compliance_days": 90, "release_days": 28, "dismissed_down_days": 90}
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/cases/level.h"

namespace openiom {

// InvalidArgument naming the field and why, for anything wrong or unknown.
Result<LevelConfig> ParseLevelConfig(std::string_view json);
// Every parameter, defaults included, as JSON that ParseLevelConfig reads back to the same configuration.
std::string LevelConfigJson(const LevelConfig& config);

}  // namespace openiom
