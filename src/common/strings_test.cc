#include "common/strings.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

TEST(Strings, TrimAndCase) {
  EXPECT_EQ(Trim("  a b\t"), "a b");
  EXPECT_EQ(Trim("   "), "");
  EXPECT_EQ(AsciiLower("AbC-É"), "abc-É");
  EXPECT_EQ(AsciiUpper("x1234bc"), "X1234BC");
  EXPECT_EQ(Join({"a", "b", "c"}, ", "), "a, b, c");
}

TEST(Strings, ParseNumbersWhole) {
  EXPECT_EQ(ParseInt64("42"), 42);
  EXPECT_EQ(ParseInt64("-7"), -7);
  EXPECT_FALSE(ParseInt64("4x"));
  EXPECT_FALSE(ParseInt64(""));
  EXPECT_DOUBLE_EQ(*ParseDouble("54.5729"), 54.5729);
  EXPECT_DOUBLE_EQ(*ParseDouble("-1.23"), -1.23);
  EXPECT_FALSE(ParseDouble("1.2.3"));
  EXPECT_FALSE(ParseDouble("nan"));
  EXPECT_FALSE(ParseDouble("inf"));
}

TEST(Strings, SplitLinesKeepsOnlyNonEmptyLines) {
  const struct {
    std::string_view text;
    std::vector<std::string> lines;
  } cases[] = {
      {"", {}},
      {"\n\n", {}},
      {"one", {"one"}},
      {"one\n", {"one"}},
      {"one\ntwo", {"one", "two"}},
      {"\none\n\ntwo\n", {"one", "two"}},
      {"a: b\nc: d", {"a: b", "c: d"}},
  };
  for (const auto& c : cases) EXPECT_EQ(SplitLines(c.text), c.lines) << c.text;
}

}  // namespace
}  // namespace openiom
