#include "domain/people/identifier.h"

#include <fmt/format.h>

#include "common/strings.h"

namespace openiom {
namespace {

constexpr std::string_view kCheckAlphabet = "ZABCDEFGHJKLMNPQRTUVWXY";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

long long DigitsValue(std::string_view digits) {
  long long value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// Upper-cases and removes spaces, which people type freely inside identifiers.
std::string Compact(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '\t') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

Status Invalid(std::string_view label, std::string_view text, std::string_view reason) {
  return Status::InvalidArgument(fmt::format("{} '{}': {}", label, text, reason));
}

}  // namespace

char PoliceCheckLetter(long long body) { return kCheckAlphabet[static_cast<size_t>(body % 23)]; }

Result<std::string> ParsePncId(std::string_view text) {
  constexpr std::string_view kLabel = "PNC ID";
  const std::string id = Compact(text);
  const size_t slash = id.find('/');
  if (slash == std::string::npos) return Invalid(kLabel, text, "needs the year, a slash, up to 7 digits and a check letter, like 2000/0160946Q");
  const std::string_view year = std::string_view(id).substr(0, slash);
  const std::string_view rest = std::string_view(id).substr(slash + 1);
  if (!AllDigits(year) || (year.size() != 2 && year.size() != 4)) {
    return Invalid(kLabel, text, "the year before '/' must have 2 or 4 digits");
  }
  if (rest.size() < 2 || !IsUpper(rest.back())) return Invalid(kLabel, text, "must end with a check letter");
  const std::string_view serial = rest.substr(0, rest.size() - 1);
  if (!AllDigits(serial) || serial.size() > 7) return Invalid(kLabel, text, "the serial must be 1 to 7 digits");
  int full_year;
  const int yy = static_cast<int>(DigitsValue(year.substr(year.size() - 2)));
  if (year.size() == 4) {
    full_year = static_cast<int>(DigitsValue(year));
    if (full_year < 1900 || full_year > 2099) return Invalid(kLabel, text, "the year must be between 1900 and 2099");
  } else {
    full_year = yy >= 70 ? 1900 + yy : 2000 + yy;
  }
  const long long serial_value = DigitsValue(serial);
  const char expected = PoliceCheckLetter(yy * 10'000'000LL + serial_value);
  if (rest.back() != expected) {
    return Invalid(kLabel, text, fmt::format("check letter is {} but should be {}", rest.back(), expected));
  }
  return fmt::format("{:04d}/{:07d}{}", full_year, serial_value, expected);
}

Result<std::string> ParseCroNumber(std::string_view text) {
  constexpr std::string_view kLabel = "CRO number";
  const std::string id = Compact(text);
  const size_t slash = id.find('/');
  if (slash == std::string::npos) return Invalid(kLabel, text, "needs up to 6 digits, a slash, the year's 2 digits and a check letter, like 265416/21G");
  const std::string_view serial = std::string_view(id).substr(0, slash);
  const std::string_view rest = std::string_view(id).substr(slash + 1);
  if (!AllDigits(serial) || serial.size() > 6) return Invalid(kLabel, text, "the serial must be 1 to 6 digits");
  if (rest.size() != 3 || !AllDigits(rest.substr(0, 2)) || !IsUpper(rest[2])) {
    return Invalid(kLabel, text, "after the slash needs the year's 2 digits and a check letter");
  }
  const long long serial_value = DigitsValue(serial);
  const long long yy = DigitsValue(rest.substr(0, 2));
  const char expected = PoliceCheckLetter(yy * 1'000'000LL + serial_value);
  if (rest[2] != expected) {
    return Invalid(kLabel, text, fmt::format("check letter is {} but should be {}", rest[2], expected));
  }
  return fmt::format("{:06d}/{:02d}{}", serial_value, yy, expected);
}

Result<std::string> ParseCrn(std::string_view text) {
  const std::string id = Compact(text);
  if (id.size() != 7 || !IsUpper(id[0]) || !AllDigits(std::string_view(id).substr(1))) {
    return Invalid("CRN", text, "expected one letter followed by six digits, e.g. X123456");
  }
  return id;
}

Result<std::string> ParseNomisNumber(std::string_view text) {
  const std::string id = Compact(text);
  if (id.size() != 7 || !IsUpper(id[0]) || !AllDigits(std::string_view(id).substr(1, 4)) || !IsUpper(id[5]) ||
      !IsUpper(id[6])) {
    return Invalid("NOMIS number", text, "expected a letter, four digits and two letters, e.g. A1234BC");
  }
  return id;
}

std::optional<int> NhsCheckDigit(std::string_view first_nine_digits) {
  int sum = 0;
  for (size_t i = 0; i < 9; ++i) sum += (first_nine_digits[i] - '0') * static_cast<int>(10 - i);
  const int check = 11 - sum % 11;
  if (check == 10) return std::nullopt;
  return check == 11 ? 0 : check;
}

Result<std::string> ParseNhsNumber(std::string_view text) {
  constexpr std::string_view kLabel = "NHS number";
  const std::string id = Compact(text);
  if (id.size() != 10 || !AllDigits(id)) return Invalid(kLabel, text, "expected ten digits");
  const std::optional<int> check = NhsCheckDigit(id);
  if (!check) return Invalid(kLabel, text, "is not a valid NHS number (its check digit would be 10)");
  if (id[9] - '0' != *check) {
    return Invalid(kLabel, text, fmt::format("check digit is {} but should be {}", id[9], *check));
  }
  return id;
}

Result<std::string> ParseIdentifier(IdentifierKind kind, std::string_view text) {
  switch (kind) {
    case IdentifierKind::kPncId: return ParsePncId(text);
    case IdentifierKind::kCroNumber: return ParseCroNumber(text);
    case IdentifierKind::kCrn: return ParseCrn(text);
    case IdentifierKind::kNomisNumber: return ParseNomisNumber(text);
    case IdentifierKind::kNhsNumber: return ParseNhsNumber(text);
  }
  return Status::Internal("unknown identifier kind");
}

}  // namespace openiom
