// Identifiers that name a nominal across agencies, with validation that explains itself.
//
// Each kind has a canonical text form. Parse functions accept common variations (lower case, spaces,
// a two-digit PNC year, an unpadded serial) and return the canonical form, or InvalidArgument with a
// reason a user can act on ("check letter is A but should be Q"). Algorithms: reference-data.md §8.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"
#include "domain/vocabulary.h"

namespace openiom {

enum class IdentifierKind { kPncId, kCroNumber, kCrn, kNomisNumber, kNhsNumber };
// The code is used in storage, files and the API.
inline constexpr Term<IdentifierKind> kIdentifierKindTerms[] = {
    {IdentifierKind::kPncId, "pnc", "PNC ID"},
    {IdentifierKind::kCroNumber, "cro", "CRO number"},
    {IdentifierKind::kCrn, "crn", "CRN"},
    {IdentifierKind::kNomisNumber, "nomis", "NOMIS number"},
    {IdentifierKind::kNhsNumber, "nhs", "NHS number"},
};
constexpr const auto& TermsOf(IdentifierKind) { return kIdentifierKindTerms; }
static_assert(InEnumOrder(kIdentifierKindTerms));
inline constexpr auto kAllIdentifierKinds = All<IdentifierKind>();

inline std::string_view IdentifierKindCode(IdentifierKind kind) { return CodeOf(kind); }
inline std::string_view IdentifierKindLabel(IdentifierKind kind) { return LabelOf(kind); }
inline std::optional<IdentifierKind> IdentifierKindFromCode(std::string_view code) {
  return Parse<IdentifierKind>(code);
}

// PNC ID: YYYY/NNNNNNNA. A two-digit year is read as 19YY when YY >= 70 (the PNC began in the 1970s)
// and as 20YY otherwise. The check letter is "ZABCDEFGHJKLMNPQRTUVWXY"[(YY * 10^7 + serial) mod 23].
Result<std::string> ParsePncId(std::string_view text);
// CRO number: NNNNNN/YYA; check letter over YY followed by the six-digit serial.
Result<std::string> ParseCroNumber(std::string_view text);
// Probation case reference number: one letter, six digits.
Result<std::string> ParseCrn(std::string_view text);
// NOMIS prison number: letter, four digits, two letters (A1234BC).
Result<std::string> ParseNomisNumber(std::string_view text);
// NHS number: ten digits (spaces allowed) with a modulus 11 check digit.
Result<std::string> ParseNhsNumber(std::string_view text);

// Dispatches on kind. The message names the kind: "PNC ID '...': check letter is A but should be Q".
Result<std::string> ParseIdentifier(IdentifierKind kind, std::string_view text);

// The check letter for a PNC/CRO number body (two year digits followed by the serial digits).
char PoliceCheckLetter(long long body);
// The NHS check digit for the first nine digits, or nullopt when the number cannot be valid (remainder 10).
std::optional<int> NhsCheckDigit(std::string_view first_nine_digits);

struct Identifier {
  IdentifierKind kind;
  std::string value;  // canonical form
};

}  // namespace openiom
