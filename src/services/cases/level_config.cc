#include "services/cases/level_config.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "services/cases/rule_json.h"

namespace openiom {

namespace json = boost::json;

Result<LevelConfig> ParseLevelConfig(std::string_view text) {
  boost::system::error_code error;
  const json::value root = json::parse(text, error);
  if (error) return Status::InvalidArgument(fmt::format("not valid JSON: {}", error.message()));
  if (!root.is_object()) return Status::InvalidArgument("the level rules must be a JSON object");
  const json::object& top = root.as_object();
  for (const auto& [key, value] : top) {
    if (key != "clear_days" && key != "down_compliance" && key != "compliance_days" && key != "release_days" &&
        key != "dismissed_down_days") {
      return Status::Invalid(std::string(key), "is not a setting of the level rules");
    }
  }
  LevelConfig config;
  RETURN_IF_ERROR(IntInRange(top, "clear_days", 1, 730, config.clear_days));
  RETURN_IF_ERROR(NumberInRange(top, "down_compliance", 0, 100, config.down_compliance));
  RETURN_IF_ERROR(IntInRange(top, "compliance_days", 1, 365, config.compliance_days));
  RETURN_IF_ERROR(IntInRange(top, "release_days", 0, 365, config.release_days));
  RETURN_IF_ERROR(IntInRange(top, "dismissed_down_days", 0, 365, config.dismissed_down_days));
  return config;
}

std::string LevelConfigJson(const LevelConfig& config) {
  return json::serialize(json::object{{"clear_days", config.clear_days},
                                      {"down_compliance", RuleNumber(config.down_compliance)},
                                      {"compliance_days", config.compliance_days},
                                      {"release_days", config.release_days},
                                      {"dismissed_down_days", config.dismissed_down_days}});
}

}  // namespace openiom
