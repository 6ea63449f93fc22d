// Server-rendered pages: mustache templates (web/templates/, compiled in) filled from ViewData.
//
// {{name}} escapes HTML; only {{{content}}} in the layout takes HTML, and that is always a rendered template.
// Keeping the template engine's header out of this one lets every handler build pages cheaply.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace openiom::web {

// A tree of named values for a template: text, flags, nested objects and lists.
class ViewData {
 public:
  ViewData();
  ~ViewData();
  ViewData(const ViewData& other);
  ViewData& operator=(const ViewData& other);
  ViewData(ViewData&&) noexcept;
  ViewData& operator=(ViewData&&) noexcept;

  ViewData& Set(const std::string& key, std::string value);
  ViewData& Set(const std::string& key, const char* value) { return Set(key, std::string(value)); }
  ViewData& Set(const std::string& key, std::string_view value) { return Set(key, std::string(value)); }
  ViewData& Set(const std::string& key, int64_t value) { return Set(key, std::to_string(value)); }
  ViewData& Set(const std::string& key, int value) { return Set(key, std::to_string(value)); }
  ViewData& Set(const std::string& key, bool value);
  ViewData& Set(const std::string& key, ViewData value);
  ViewData& Set(const std::string& key, std::vector<ViewData> list);

  // The text under `key`, or "" when there is none.
  std::string Text(const std::string& key) const;

  struct Node;
  const std::map<std::string, Node>& values() const;

 private:
  std::unique_ptr<std::map<std::string, Node>> values_;
};

// Renders the template <name>.mustache (web/templates/ or an area folder of it: names are unique). Aborts on an unknown template or a template error (a bug, caught by
// the tests that render every page).
std::string Render(std::string_view template_name, const ViewData& data);

}  // namespace openiom::web
