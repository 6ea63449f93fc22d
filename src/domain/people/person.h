// The nominal: a person managed, or considered, by IOM.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/identifier.h"

namespace openiom {

using PersonId = int64_t;

enum class Gender { kMale, kFemale, kOther, kUnknown };
// "M", "F", "X" (other / non-binary), "U" (not known).
std::string_view GenderCode(Gender gender);
std::string_view GenderLabel(Gender gender);
std::optional<Gender> GenderFromCode(std::string_view code);

// ONS 2021 ethnic group classification (19 groups), with the two-character codes used by police and
// the Home Office ("W1" White British ... "O9" any other ethnic group).
enum class Ethnicity {
  kWhiteBritish, kWhiteIrish, kWhiteGypsyOrIrishTraveller, kWhiteRoma, kWhiteOther,
  kMixedWhiteBlackCaribbean, kMixedWhiteBlackAfrican, kMixedWhiteAsian, kMixedOther,
  kAsianIndian, kAsianPakistani, kAsianBangladeshi, kAsianChinese, kAsianOther,
  kBlackCaribbean, kBlackAfrican, kBlackOther,
  kOtherArab, kOtherAny,
};
inline constexpr int kEthnicityCount = 19;
std::string_view EthnicityCode(Ethnicity ethnicity);
std::string_view EthnicityLabel(Ethnicity ethnicity);   // "White: English, Welsh, Scottish, Northern Irish or British"
std::string_view EthnicityGroup(Ethnicity ethnicity);   // "White", "Mixed or multiple", "Asian", "Black", "Other"
std::optional<Ethnicity> EthnicityFromCode(std::string_view code);

// A name a person is known by. Kept in two parts so that aliases can be matched like the main name.
struct PersonName {
  std::string surname;
  std::string forenames;
  // "Forenames Surname".
  std::string Display() const;
  bool operator==(const PersonName&) const = default;
};

struct Address {
  std::string line;       // free text, may be empty
  std::string postcode;   // may be empty
  std::string lsoa_code;  // E01nnnnnn / W01nnnnnn or empty
  std::string district;   // local authority district name, may be empty
};

struct Person {
  PersonId id = 0;
  std::string surname;
  std::string forenames;
  std::vector<PersonName> aliases;  // other names used
  std::optional<Date> date_of_birth;
  Gender gender = Gender::kUnknown;
  std::optional<Ethnicity> ethnicity;
  Address address;
  Timestamp created_at{};
  Timestamp updated_at{};
  int version = 0;  // incremented on every update; a stale version is a conflict
};

// The invariants a stored person must meet, checked once here for the form, the API and the import: names
// present and of sensible length, date of birth not after `today`, LSOA code well formed. Every problem, in the
// order of the form, on fields "surname", "forenames", "alias surname", "alias forenames", "date_of_birth" and
// "lsoa_code"; empty when the person is valid.
FieldProblems PersonProblems(const Person& person, Date today);
// PersonProblems as a Status: InvalidArgument carrying them (message "FIELD: reason" of the first).
Status ValidatePerson(const Person& person, Date today);

// Why `name` cannot be a name field (surname, forenames or an alias): "is required", "is longer than 100
// characters", "is not valid UTF-8 text" or "contains a control character"; empty when it can.
std::string PersonNameProblem(std::string_view name);
// PersonNameProblem as a Status: InvalidArgument on `field` ("FIELD: reason").
Status ValidatePersonName(std::string_view field, std::string_view name);

// Key for case-insensitive name matching and sorting: trimmed, internal whitespace collapsed, letters
// lower-cased (ASCII and Latin-1 accented capitals), surname and forenames joined by the unit separator
// U+001F (which no valid name contains, and which sorts before every letter so "Smith" comes before
// "Smithson"). "  SMITH ", "John  Paul" -> "smith\x1fjohn paul".
std::string NameKey(std::string_view surname, std::string_view forenames);

// One name normalised as in NameKey (trimmed, spaces collapsed, lower-cased): for searching within keys.
std::string NormaliseName(std::string_view name);

// True for an LSOA or Welsh LSOA code: E01 or W01 followed by six digits.
bool IsLsoaCode(std::string_view code);

}  // namespace openiom
