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

namespace openiom::web {
namespace {

FormFields DateFields(std::string day, std::string month, std::string year) {
  return FormFields({{"dob-day", std::move(day)}, {"dob-month", std::move(month)}, {"dob-year", std::move(year)}});
}

TEST(ReadDateInput, ReadsTheThreeFieldsOrSaysWhatIsWrong) {
  const struct {
    std::string day, month, year;
    std::string_view date, problem, part;
  } cases[] = {
      {"10", "6", "2011", "2011-06-10", "", ""},
      {" 1 ", "01", "1990", "1990-01-01", "", ""},
      {"29", "2", "2024", "2024-02-29", "", ""},
      {"10", "June", "2011", "2011-06-10", "", ""},
      {"10", "jun", "2011", "2011-06-10", "", ""},
      {"", "", "", "", "", ""},
      {"", "6", "2011", "", "must include a day", "day"},
      {"10", "", "2011", "", "must include a month", "month"},
      {"10", "6", "", "", "must include a year", "year"},
      {"29", "2", "2023", "", "must be a real date", "day"},
      {"31", "4", "2011", "", "must be a real date", "day"},
      {"0", "6", "2011", "", "must be a real date", "day"},
      {"10", "13", "2011", "", "must be a real date", "month"},
      {"10", "6", "11", "", "must include a year with 4 numbers, like 1990", "year"},
      {"10", "6", "1700", "", "must be a real date", "year"},
      {"x", "6", "2011", "", "must be a real date", "day"},
  };
  for (const auto& c : cases) {
    const DateInput input = ReadDateInput(DateFields(c.day, c.month, c.year), "dob");
    const std::string label = c.day + "/" + c.month + "/" + c.year;
    EXPECT_EQ(input.date ? FormatIsoDate(*input.date) : "", c.date) << label;
    EXPECT_EQ(input.problem, c.problem) << label;
    EXPECT_EQ(input.problem_part, c.part) << label;
  }
}

TEST(ReadDateInput, AcceptsOneIsoFieldFromTheApiOrABookmark) {
  const DateInput iso = ReadDateInput(ParseUrlEncoded("dob=1990-01-27"), "dob");
  ASSERT_TRUE(iso.date);
  EXPECT_EQ(FormatIsoDate(*iso.date), "1990-01-27");
  EXPECT_EQ(iso.day + "/" + iso.month + "/" + iso.year, "27/1/1990") << "shown again in the three fields";
  EXPECT_EQ(ReadDateInput(ParseUrlEncoded("dob=27/01/1990"), "dob").problem, "must be a real date");
}

}  // namespace
}  // namespace openiom::web
