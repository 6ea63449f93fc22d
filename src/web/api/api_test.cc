#include "web/api/api.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <set>

namespace openiom::web {
namespace openapi {
extern const std::string_view kDocument;
}
namespace {

// The OpenAPI document and the implementation must agree: every route documented, every document path served.
TEST(OpenApi, DocumentsExactlyTheImplementedRoutes) {
  const boost::json::value document = boost::json::parse(openapi::kDocument);
  EXPECT_EQ(std::string(document.at("openapi").as_string()).substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, item] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : item.as_object()) {
      if (method == "parameters") continue;
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace(upper, std::string(path));
      EXPECT_TRUE(operation.as_object().contains("responses")) << upper << " " << path;
    }
  }
  const std::vector<std::pair<std::string, std::string>> routes = ApiRoutes();
  const std::set<std::pair<std::string, std::string>> implemented(routes.begin(), routes.end());
  for (const auto& route : implemented) {
    EXPECT_TRUE(documented.contains(route)) << "not documented: " << route.first << " " << route.second;
  }
  for (const auto& route : documented) {
    EXPECT_TRUE(implemented.contains(route)) << "documented but not implemented: " << route.first << " " << route.second;
  }
  EXPECT_EQ(implemented.size(), 56u);
}

}  // namespace
}  // namespace openiom::web
