#include "services/selection/scoring_config.h"

#include <algorithm>

#include <boost/json.hpp>
#include <fmt/format.h>

namespace openiom {
namespace {

namespace json = boost::json;

Status Unknown(const json::object& object, std::initializer_list<std::string_view> known, std::string_view path) {
  for (const auto& [key, value] : object) {
    bool found = false;
    for (std::string_view name : known) found = found || key == name;
    if (!found) return Status::Invalid(fmt::format("{}{}", path, std::string_view(key)), "is not a setting");
  }
  return Status::Ok();
}

Result<int> IntAt(const json::object& object, std::string_view key, std::string_view path, int fallback) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr) return fallback;
  if (!value->is_int64() || value->as_int64() < -1000000 || value->as_int64() > 1000000) {
    return Status::Invalid(fmt::format("{}{}", path, key), "must be a whole number");
  }
  return static_cast<int>(value->as_int64());
}

}  // namespace

Result<ScoringConfig> ParseScoringConfig(std::string_view text) {
  boost::system::error_code error;
  const json::value root = json::parse(text, error);
  if (error) return Status::InvalidArgument(fmt::format("not valid JSON: {}", error.message()));
  if (!root.is_object()) return Status::InvalidArgument("the configuration must be a JSON object");
  const json::object& top = root.as_object();
  RETURN_IF_ERROR(Unknown(top, {"rfg", "rules", "gravity", "acquisitive_categories", "keep_runs"}, ""));
  ScoringConfig config;
  ASSIGN_OR_RETURN(config.keep_runs, IntAt(top, "keep_runs", "", config.keep_runs));
  if (config.keep_runs < 1) return Status::Invalid("keep_runs", "must be at least 1");
  if (const json::value* rfg = top.if_contains("rfg")) {
    if (!rfg->is_object()) return Status::Invalid("rfg", "must be an object");
    const json::object& object = rfg->as_object();
    RETURN_IF_ERROR(Unknown(object, {"window_days", "frequency_cap", "qualifying_kinds", "weights"}, "rfg."));
    ASSIGN_OR_RETURN(config.rfg.window_days, IntAt(object, "window_days", "rfg.", config.rfg.window_days));
    ASSIGN_OR_RETURN(config.rfg.frequency_cap, IntAt(object, "frequency_cap", "rfg.", config.rfg.frequency_cap));
    if (const json::value* kinds = object.if_contains("qualifying_kinds")) {
      if (!kinds->is_array()) return Status::Invalid("rfg.qualifying_kinds", "must be a list of event kinds");
      config.rfg.qualifying_kinds = 0;
      for (size_t i = 0; i < kinds->as_array().size(); ++i) {
        const json::value& kind = kinds->as_array()[i];
        const std::optional<EventKind> parsed =
            kind.is_string() ? EventKindFromCode(kind.as_string()) : std::optional<EventKind>();
        if (!parsed) {
          return Status::Invalid(fmt::format("rfg.qualifying_kinds[{}]", i), "is not an event kind");
        }
        config.rfg.qualifying_kinds |= EventKindBit(*parsed);
      }
    }
    if (const json::value* weights = object.if_contains("weights")) {
      if (!weights->is_object()) return Status::Invalid("rfg.weights", "must be an object");
      const json::object& w = weights->as_object();
      RETURN_IF_ERROR(Unknown(w, {"recency", "frequency", "gravity"}, "rfg.weights."));
      ASSIGN_OR_RETURN(config.rfg.weight_recency, IntAt(w, "recency", "rfg.weights.", config.rfg.weight_recency));
      ASSIGN_OR_RETURN(config.rfg.weight_frequency,
                       IntAt(w, "frequency", "rfg.weights.", config.rfg.weight_frequency));
      ASSIGN_OR_RETURN(config.rfg.weight_gravity, IntAt(w, "gravity", "rfg.weights.", config.rfg.weight_gravity));
    }
    if (Status status = config.rfg.Validate(); !status.ok()) return status.WithContext("rfg");
  }
  const OffenceCategoryCatalogue& categories = OffenceCategoryCatalogue::BuiltIn();
  if (const json::value* gravity = top.if_contains("gravity")) {
    if (!gravity->is_object()) return Status::Invalid("gravity", "must be an object of category: 1-4");
    for (const auto& [code, value] : gravity->as_object()) {
      const std::string path = fmt::format("gravity.{}", std::string_view(code));
      if (categories.Find(code) == nullptr) return Status::Invalid(path, "is not an offence category");
      if (!value.is_int64() || value.as_int64() < 1 || value.as_int64() > 4) {
        return Status::Invalid(path, "must be 1, 2, 3 or 4");
      }
      config.gravity[std::string(code)] = static_cast<int>(value.as_int64());
    }
  }
  if (const json::value* acquisitive = top.if_contains("acquisitive_categories")) {
    if (!acquisitive->is_array()) return Status::Invalid("acquisitive_categories", "must be a list of categories");
    std::vector<std::string> codes;
    for (size_t i = 0; i < acquisitive->as_array().size(); ++i) {
      const json::value& code = acquisitive->as_array()[i];
      if (!code.is_string() || categories.Find(code.as_string()) == nullptr) {
        return Status::Invalid(fmt::format("acquisitive_categories[{}]", i), "is not an offence category");
      }
      codes.emplace_back(code.as_string());
    }
    config.acquisitive_categories = std::move(codes);
  }
  if (const json::value* rules = top.if_contains("rules")) {
    if (!rules->is_array()) return Status::Invalid("rules", "must be a list");
    config.rules.clear();
    for (size_t i = 0; i < rules->as_array().size(); ++i) {
      const std::string path = fmt::format("rules[{}].", i);
      const json::value& value = rules->as_array()[i];
      if (!value.is_object()) return Status::Invalid(fmt::format("rules[{}]", i), "must be an object");
      const json::object& object = value.as_object();
      RETURN_IF_ERROR(Unknown(object,
                              {"name", "explanation", "min_events", "min_acquisitive_events", "min_rfg", "min_age",
                               "not_in_cohort"},
                              path));
      NominationRule rule;
      for (auto [key, field] : {std::pair{"name", &rule.name}, std::pair{"explanation", &rule.explanation}}) {
        const json::value* text = object.if_contains(key);
        if (text == nullptr || !text->is_string()) {
          return Status::Invalid(path + key, "must be text");
        }
        *field = std::string(text->as_string());
      }
      ASSIGN_OR_RETURN(rule.min_events, IntAt(object, "min_events", path, 0));
      ASSIGN_OR_RETURN(rule.min_acquisitive_events, IntAt(object, "min_acquisitive_events", path, 0));
      ASSIGN_OR_RETURN(rule.min_age, IntAt(object, "min_age", path, 0));
      if (const json::value* min_rfg = object.if_contains("min_rfg")) {
        if (!min_rfg->is_number()) return Status::Invalid(path + "min_rfg", "must be a number");
        rule.min_rfg_centis = static_cast<int64_t>(std::llround(min_rfg->to_number<double>() * 100));
      }
      if (const json::value* flag = object.if_contains("not_in_cohort")) {
        if (!flag->is_bool()) return Status::Invalid(path + "not_in_cohort", "must be true or false");
        rule.not_in_cohort = flag->as_bool();
      }
      if (Status status = rule.Validate(); !status.ok()) return status.WithContext(fmt::format("rules[{}]", i));
      for (const NominationRule& earlier : config.rules) {
        if (earlier.name == rule.name) {
          return Status::Invalid(path + "name", fmt::format("'{}' is used twice", rule.name));
        }
      }
      config.rules.push_back(std::move(rule));
    }
  }
  return config;
}

std::string ScoringConfigJson(const ScoringConfig& config) {
  json::array kinds;
  for (EventKind kind : kAllEventKinds) {
    if (config.rfg.Qualifies(kind)) kinds.emplace_back(EventKindCode(kind));
  }
  json::array rules;
  for (const NominationRule& rule : config.rules) {
    json::object object{{"name", rule.name}, {"explanation", rule.explanation}};
    if (rule.min_events > 0) object["min_events"] = rule.min_events;
    if (rule.min_acquisitive_events > 0) object["min_acquisitive_events"] = rule.min_acquisitive_events;
    if (rule.min_rfg_centis >= 0) object["min_rfg"] = static_cast<double>(rule.min_rfg_centis) / 100.0;
    if (rule.min_age > 0) object["min_age"] = rule.min_age;
    object["not_in_cohort"] = rule.not_in_cohort;
    rules.push_back(std::move(object));
  }
  json::object gravity;
  for (const auto& [code, value] : config.gravity) gravity[code] = value;
  json::object root{
      {"rfg",
       {{"window_days", config.rfg.window_days},
        {"frequency_cap", config.rfg.frequency_cap},
        {"qualifying_kinds", kinds},
        {"weights",
         {{"recency", config.rfg.weight_recency},
          {"frequency", config.rfg.weight_frequency},
          {"gravity", config.rfg.weight_gravity}}}}},
      {"rules", rules},
      {"keep_runs", config.keep_runs}};
  if (!gravity.empty()) root["gravity"] = std::move(gravity);
  if (config.acquisitive_categories) {
    json::array codes;
    for (const std::string& code : *config.acquisitive_categories) codes.emplace_back(code);
    root["acquisitive_categories"] = std::move(codes);
  }
  return json::serialize(root);
}

OffenceScoringTable ScoringTableFor(const ScoringConfig& config) {
  std::vector<OffenceScoring> rows = OffenceScoringTable::BuiltIn().rows();
  for (OffenceScoring& row : rows) {
    if (const auto it = config.gravity.find(row.code); it != config.gravity.end()) row.gravity = it->second;
  }
  return OffenceScoringTable(std::move(rows));
}

OffenceCategoryCatalogue CategoriesFor(const ScoringConfig& config, const OffenceCategoryCatalogue& catalogue) {
  if (!config.acquisitive_categories) return catalogue;
  std::vector<OffenceCategory> categories = catalogue.categories();
  const std::vector<std::string>& acquisitive = *config.acquisitive_categories;
  for (OffenceCategory& category : categories) {
    category.acquisitive = std::find(acquisitive.begin(), acquisitive.end(), category.code) != acquisitive.end();
  }
  return OffenceCategoryCatalogue(std::move(categories));
}

}  // namespace openiom
