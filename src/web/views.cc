#include "web/views.h"

#include <cstdio>
#include <cstdlib>
#include <span>
#include <variant>

#include <kainjow/mustache.hpp>

namespace openiom::web {
namespace templates {
// Generated from web/templates/**/*.mustache (see src/CMakeLists.txt).
const std::string_view* Find(std::string_view name);
std::span<const std::string_view> Partials();  // every template named partial_*
}  // namespace templates

struct ViewData::Node {
  std::variant<std::string, bool, ViewData, std::vector<ViewData>> value;
};

ViewData::ViewData() : values_(std::make_unique<std::map<std::string, Node>>()) {}
ViewData::~ViewData() = default;
ViewData::ViewData(const ViewData& other) : values_(std::make_unique<std::map<std::string, Node>>(*other.values_)) {}
ViewData& ViewData::operator=(const ViewData& other) {
  if (this != &other) values_ = std::make_unique<std::map<std::string, Node>>(*other.values_);
  return *this;
}
ViewData::ViewData(ViewData&&) noexcept = default;
ViewData& ViewData::operator=(ViewData&&) noexcept = default;

ViewData& ViewData::Set(const std::string& key, std::string value) {
  (*values_)[key] = Node{std::move(value)};
  return *this;
}
ViewData& ViewData::Set(const std::string& key, bool value) {
  (*values_)[key] = Node{value};
  return *this;
}
ViewData& ViewData::Set(const std::string& key, ViewData value) {
  (*values_)[key] = Node{std::move(value)};
  return *this;
}
ViewData& ViewData::Set(const std::string& key, std::vector<ViewData> list) {
  (*values_)[key] = Node{std::move(list)};
  return *this;
}
const std::map<std::string, ViewData::Node>& ViewData::values() const { return *values_; }

std::string ViewData::Text(const std::string& key) const {
  auto it = values_->find(key);
  if (it == values_->end()) return "";
  const std::string* text = std::get_if<std::string>(&it->second.value);
  return text ? *text : "";
}

namespace {

namespace mustache = kainjow::mustache;

mustache::data ToMustache(const ViewData& view) {
  mustache::data data(mustache::data::type::object);
  for (const auto& [key, node] : view.values()) {
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::string>) {
            // Empty text is false, so {{#field}}...{{/field}} shows only what is there.
            if (value.empty()) {
              data.set(key, mustache::data::type::bool_false);
            } else {
              data.set(key, value);
            }
          } else if constexpr (std::is_same_v<T, bool>) {
            data.set(key, value ? mustache::data::type::bool_true : mustache::data::type::bool_false);
          } else if constexpr (std::is_same_v<T, ViewData>) {
            data.set(key, ToMustache(value));
          } else {
            mustache::data list(mustache::data::type::list);
            for (const ViewData& item : value) list.push_back(ToMustache(item));
            data.set(key, list);
          }
        },
        node.value);
  }
  return data;
}

[[noreturn]] void Die(std::string_view what) {
  std::fprintf(stderr, "BUG: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

// Parsing a template costs as much as rendering it, so each worker thread keeps the ones it has parsed.
mustache::mustache& Parsed(std::string_view template_name) {
  thread_local std::map<std::string, std::unique_ptr<mustache::mustache>, std::less<>> parsed;
  auto it = parsed.find(template_name);
  if (it != parsed.end()) return *it->second;
  const std::string_view* text = templates::Find(template_name);
  if (text == nullptr) Die("unknown template " + std::string(template_name));
  auto view = std::make_unique<mustache::mustache>(std::string(*text));
  if (!view->is_valid()) Die("template " + std::string(template_name) + ": " + view->error_message());
  return *parsed.emplace(std::string(template_name), std::move(view)).first->second;
}

}  // namespace

std::string Render(std::string_view template_name, const ViewData& data) {
  mustache::mustache& view = Parsed(template_name);
  mustache::data context = ToMustache(data);
  // Partials: {{> partial_name}} renders the template partial_name.mustache (any folder) with the same data.
  for (std::string_view partial : templates::Partials()) {
    if (const std::string_view* partial_text = templates::Find(partial)) {
      const std::string copy(*partial_text);
      context.set(std::string(partial), mustache::partial{[copy] { return copy; }});
    }
  }
  std::string out = view.render(context);
  if (!view.is_valid()) Die("template " + std::string(template_name) + ": " + view.error_message());
  return out;
}

}  // namespace openiom::web
