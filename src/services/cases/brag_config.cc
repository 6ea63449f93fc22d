#include "services/cases/brag_config.h"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "services/cases/rule_json.h"

namespace openiom {

namespace json = boost::json;

Result<BragConfig> ParseBragConfig(std::string_view text) {
  boost::system::error_code error;
  const json::value root = json::parse(text, error);
  if (error) return Status::InvalidArgument(fmt::format("not valid JSON: {}", error.message()));
  if (!root.is_object()) return Status::InvalidArgument("the BRAG rules must be a JSON object");
  const json::object& top = root.as_object();
  for (const auto& [key, value] : top) {
    if (key != "window_days" && key != "red_failed_appointments" && key != "amber_significant_pathways" &&
        key != "amber_rfg" && key != "disabled") {
      return Status::Invalid(std::string(key), "is not a setting of the BRAG rules");
    }
  }
  BragConfig config;
  RETURN_IF_ERROR(IntInRange(top, "window_days", 1, 365, config.window_days));
  RETURN_IF_ERROR(IntInRange(top, "red_failed_appointments", 1, 20, config.red_failed_appointments));
  RETURN_IF_ERROR(IntInRange(top, "amber_significant_pathways", 1, 9, config.amber_significant_pathways));
  RETURN_IF_ERROR(NumberInRange(top, "amber_rfg", 0, 100, config.amber_rfg));
  if (const json::value* disabled = top.if_contains("disabled")) {
    if (!disabled->is_array()) return Status::Invalid("disabled", "must be a list of rule codes");
    for (size_t i = 0; i < disabled->as_array().size(); ++i) {
      const json::value& code = disabled->as_array()[i];
      const std::optional<BragRule> rule = code.is_string() ? Parse<BragRule>(code.as_string()) : std::nullopt;
      if (!rule) return Status::Invalid(fmt::format("disabled[{}]", i), "is not a BRAG rule");
      config.disabled.push_back(*rule);
    }
  }
  return config;
}

std::string BragConfigJson(const BragConfig& config) {
  json::array disabled;
  for (const BragRule rule : config.disabled) disabled.emplace_back(CodeOf(rule));
  return json::serialize(json::object{{"window_days", config.window_days},
                                      {"red_failed_appointments", config.red_failed_appointments},
                                      {"amber_significant_pathways", config.amber_significant_pathways},
                                      {"amber_rfg", RuleNumber(config.amber_rfg)},
                                      {"disabled", std::move(disabled)}});
}

}  // namespace openiom
