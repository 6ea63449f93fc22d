#include "web/web_app.h"

#include <gtest/gtest.h>

namespace openiom::web {
namespace {

// Regression (issue 8, defect 5): "1.2.3.4, " and "," threw out_of_range and every route answered 500; any
// string was taken as the client address and written to the audit trail.
TEST(ForwardedClientAddress, TakesOnlyAValidLastAddress) {
  const struct {
    std::string_view header;
    std::optional<std::string> address;
  } cases[] = {
      {"203.0.113.9", "203.0.113.9"},
      {"198.51.100.7, 203.0.113.9", "203.0.113.9"},
      {"198.51.100.7,203.0.113.9", "203.0.113.9"},
      {"  203.0.113.9\t", "203.0.113.9"},
      {"2001:db8::1", "2001:db8::1"},
      {"2001:DB8:0:0:0:0:0:1", "2001:db8::1"},
      {"1.2.3.4, ", std::nullopt},
      {",", std::nullopt},
      {" ", std::nullopt},
      {"", std::nullopt},
      {"203.0.113.9,", std::nullopt},
      {"<script>alert(1)</script>", std::nullopt},
      {"999.1.1.1", std::nullopt},
      {"203.0.113.9:8080", std::nullopt},
      {"203.0.113.9 198.51.100.7", std::nullopt},
      {std::string_view("203.0.113.9\0x", 13), std::nullopt},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ForwardedClientAddress(c.header), c.address) << "header: [" << c.header << "]";
  }
}

}  // namespace
}  // namespace openiom::web
