// The BRAG rules' parameters as a partnership sets them, in JSON (docs/cases.md). Every field is optional; what is
// left out keeps its default (domain/cases/brag.h):
//   {"window_days": 28, "red_failed_appointments": 2, "amber_significant_pathways": 3, "amber_rfg": 60,
//    "disabled": ["high_rfg"]}
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/cases/brag.h"

namespace openiom {

// InvalidArgument naming the field ("window_days", "disabled[1]") and why, for anything wrong or unknown.
Result<BragConfig> ParseBragConfig(std::string_view json);
// Every parameter, defaults included, as JSON that ParseBragConfig reads back to the same configuration.
std::string BragConfigJson(const BragConfig& config);

}  // namespace openiom
