#include "domain/people/identifier.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

struct Case {
  IdentifierKind kind;
  std::string input;
  std::string canonical;  // empty when invalid
  std::string reason;     // part of the message when invalid
};

// Published examples from reference-data.md §8 plus hand-computed variants.
const std::vector<Case> kCases = {
    // PNC ID: check letter over YY * 10^7 + serial, alphabet ZABCDEFGHJKLMNPQRTUVWXY.
    {IdentifierKind::kPncId, "2000/0160946Q", "2000/0160946Q", ""},  // published; 160946 mod 23 = 15 -> Q
    {IdentifierKind::kPncId, "1979/0062594N", "1979/0062594N", ""},  // published; 790062594 mod 23 = 13 -> N
    {IdentifierKind::kPncId, "00/160946q", "2000/0160946Q", ""},     // two-digit year, unpadded, lower case
    {IdentifierKind::kPncId, "79/0062594N", "1979/0062594N", ""},    // YY >= 70 -> 19YY
    {IdentifierKind::kPncId, " 2000 / 0160946Q ", "2000/0160946Q", ""},
    {IdentifierKind::kPncId, "2000/0160946A", "", "check letter is A but should be Q"},
    {IdentifierKind::kPncId, "20000160946Q", "", "needs the year, a slash, up to 7 digits and a check letter"},
    {IdentifierKind::kPncId, "200/0160946Q", "", "2 or 4 digits"},
    {IdentifierKind::kPncId, "2000/01609461", "", "must end with a check letter"},
    {IdentifierKind::kPncId, "2000/10160946Q", "", "1 to 7 digits"},
    {IdentifierKind::kPncId, "1850/0160946Q", "", "between 1900 and 2099"},
    // CRO number: check letter over YY * 10^6 + serial.
    {IdentifierKind::kCroNumber, "265416/21G", "265416/21G", ""},  // published; 21265416 mod 23 = 7 -> G
    {IdentifierKind::kCroNumber, "5416/21y", "005416/21Y", ""},    // 21005416 mod 23 = 22 -> Y
    {IdentifierKind::kCroNumber, "265416/21H", "", "check letter is H but should be G"},
    {IdentifierKind::kCroNumber, "265416-21G", "", "needs up to 6 digits, a slash"},
    {IdentifierKind::kCroNumber, "2654160/21G", "", "1 to 6 digits"},
    // CRN: one letter, six digits.
    {IdentifierKind::kCrn, "X123456", "X123456", ""},
    {IdentifierKind::kCrn, "x123456", "X123456", ""},
    {IdentifierKind::kCrn, "X12345", "", "one letter followed by six digits"},
    {IdentifierKind::kCrn, "1123456", "", "one letter followed by six digits"},
    // NOMIS: letter, four digits, two letters.
    {IdentifierKind::kNomisNumber, "A1234BC", "A1234BC", ""},
    {IdentifierKind::kNomisNumber, "a1234bc", "A1234BC", ""},
    {IdentifierKind::kNomisNumber, "A12345C", "", "A1234BC"},
    {IdentifierKind::kNomisNumber, "AB1234C", "", "A1234BC"},
    // NHS number: weights 10..2, check = 11 - sum mod 11.
    {IdentifierKind::kNhsNumber, "9434765919", "9434765919", ""},  // published
    {IdentifierKind::kNhsNumber, "4010232137", "4010232137", ""},  // published
    {IdentifierKind::kNhsNumber, "943 476 5919", "9434765919", ""},
    {IdentifierKind::kNhsNumber, "9990000018", "9990000018", ""},  // 999 test range: sum 245, 11 - 3 = 8
    {IdentifierKind::kNhsNumber, "9111111111", "", "check digit is 1 but should be"},  // published invalid
    {IdentifierKind::kNhsNumber, "9434765918", "", "check digit is 8 but should be 9"},
    {IdentifierKind::kNhsNumber, "943476591", "", "expected ten digits"},
    {IdentifierKind::kNhsNumber, "94347659AB", "", "expected ten digits"},
};

TEST(Identifiers, ValidateAgainstPublishedAndHandComputedExamples) {
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(IdentifierKindLabel(c.kind)) + " " + c.input);
    const Result<std::string> parsed = ParseIdentifier(c.kind, c.input);
    if (c.canonical.empty()) {
      ASSERT_FALSE(parsed.ok()) << *parsed;
      EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
      EXPECT_NE(parsed.status().message().find(c.reason), std::string::npos) << parsed.status().message();
      EXPECT_NE(parsed.status().message().find(IdentifierKindLabel(c.kind)), std::string::npos);
    } else {
      ASSERT_TRUE(parsed.ok()) << parsed.status().message();
      EXPECT_EQ(*parsed, c.canonical);
    }
  }
}

TEST(Identifiers, NhsRemainderTenCanNeverBeValid) {
  // The ninth digit has weight 2: 6 * 2 = 12, 12 mod 11 = 1, 11 - 1 = 10, which no digit can be.
  EXPECT_EQ(NhsCheckDigit("000000006"), std::nullopt);
  EXPECT_EQ(NhsCheckDigit("943476591"), 9);
  auto parsed = ParseNhsNumber("0000000060");
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("check digit would be 10"), std::string::npos);
}

TEST(Identifiers, KindCodesRoundTrip) {
  for (IdentifierKind kind : kAllIdentifierKinds) {
    EXPECT_EQ(IdentifierKindFromCode(IdentifierKindCode(kind)), kind);
  }
  EXPECT_EQ(IdentifierKindFromCode("passport"), std::nullopt);
}

}  // namespace
}  // namespace openiom
