#include "web/forms.h"

#include <gtest/gtest.h>

namespace openiom::web {
namespace {

TEST(ParseUrlEncoded, DecodesPlusAndPercentAndKeepsMalformedEscapes) {
  const FormFields fields = ParseUrlEncoded("a=1&b=x%20y+z&c=100%&d=%zz&e");
  EXPECT_EQ(fields.Get("a"), "1");
  EXPECT_EQ(fields.Get("b"), "x y z");
  EXPECT_EQ(fields.Get("c"), "100%");
  EXPECT_EQ(fields.Get("d"), "%zz");
  EXPECT_EQ(fields.Get("e"), "");
}

// Regression (issue 8, defect 8): a search for %00 was echoed into the page and the audit detail.
TEST(ParseUrlEncoded, DropsNulAndControlCharactersButKeepsLineBreaks) {
  const struct {
    std::string_view encoded;
    std::string_view decoded;
  } cases[] = {
      {"q=%00", ""},           {"q=Sm%00ith", "Smith"}, {"q=a%07b%1Bc%7F", "abc"},
      {"q=line%0D%0Anext", "line\r\nnext"}, {"q=tab%09ok", "tab\tok"}, {"q=Zo%C3%AB", "Zo\xc3\xab"},
  };
  for (const auto& c : cases) EXPECT_EQ(ParseUrlEncoded(c.encoded).Get("q"), c.decoded) << c.encoded;
}

}  // namespace
}  // namespace openiom::web
