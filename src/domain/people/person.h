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
#include "domain/vocabulary.h"

namespace openiom {

using PersonId = int64_t;

enum class Gender { kMale, kFemale, kOther, kUnknown };
inline constexpr Term<Gender> kGenderTerms[] = {
    {Gender::kMale, "M", "Male"},
    {Gender::kFemale, "F", "Female"},
    {Gender::kOther, "X", "Other"},  // other / non-binary
    {Gender::kUnknown, "U", "Not known"},
};
constexpr const auto& TermsOf(Gender) { return kGenderTerms; }
static_assert(InEnumOrder(kGenderTerms));
inline std::string_view GenderCode(Gender gender) { return CodeOf(gender); }
inline std::string_view GenderLabel(Gender gender) { return LabelOf(gender); }
inline std::optional<Gender> GenderFromCode(std::string_view code) { return Parse<Gender>(code); }

// ONS 2021 ethnic group classification (19 groups), with the two-character codes used by police and
// the Home Office ("W1" White British ... "O9" any other ethnic group).
enum class Ethnicity {
  kWhiteBritish, kWhiteIrish, kWhiteGypsyOrIrishTraveller, kWhiteRoma, kWhiteOther,
  kMixedWhiteBlackCaribbean, kMixedWhiteBlackAfrican, kMixedWhiteAsian, kMixedOther,
  kAsianIndian, kAsianPakistani, kAsianBangladeshi, kAsianChinese, kAsianOther,
  kBlackCaribbean, kBlackAfrican, kBlackOther,
  kOtherArab, kOtherAny,
};
// An ethnicity's entry also names its broad group: "White", "Mixed or multiple", "Asian", "Black", "Other".
struct EthnicityTerm {
  Ethnicity value;
  std::string_view code;
  std::string_view label;
  std::string_view group;
};
inline constexpr EthnicityTerm kEthnicityTerms[] = {
    {Ethnicity::kWhiteBritish, "W1", "White: English, Welsh, Scottish, Northern Irish or British", "White"},
    {Ethnicity::kWhiteIrish, "W2", "White: Irish", "White"},
    {Ethnicity::kWhiteGypsyOrIrishTraveller, "W3", "White: Gypsy or Irish Traveller", "White"},
    {Ethnicity::kWhiteRoma, "W4", "White: Roma", "White"},
    {Ethnicity::kWhiteOther, "W9", "White: any other White background", "White"},
    {Ethnicity::kMixedWhiteBlackCaribbean, "M1", "Mixed: White and Black Caribbean", "Mixed or multiple"},
    {Ethnicity::kMixedWhiteBlackAfrican, "M2", "Mixed: White and Black African", "Mixed or multiple"},
    {Ethnicity::kMixedWhiteAsian, "M3", "Mixed: White and Asian", "Mixed or multiple"},
    {Ethnicity::kMixedOther, "M9", "Mixed: any other mixed or multiple background", "Mixed or multiple"},
    {Ethnicity::kAsianIndian, "A1", "Asian or Asian British: Indian", "Asian"},
    {Ethnicity::kAsianPakistani, "A2", "Asian or Asian British: Pakistani", "Asian"},
    {Ethnicity::kAsianBangladeshi, "A3", "Asian or Asian British: Bangladeshi", "Asian"},
    {Ethnicity::kAsianChinese, "A4", "Asian or Asian British: Chinese", "Asian"},
    {Ethnicity::kAsianOther, "A9", "Asian or Asian British: any other Asian background", "Asian"},
    {Ethnicity::kBlackCaribbean, "B1", "Black, Black British, Caribbean or African: Caribbean", "Black"},
    {Ethnicity::kBlackAfrican, "B2", "Black, Black British, Caribbean or African: African", "Black"},
    {Ethnicity::kBlackOther, "B9", "Black, Black British, Caribbean or African: any other Black background", "Black"},
    {Ethnicity::kOtherArab, "O1", "Other ethnic group: Arab", "Other"},
    {Ethnicity::kOtherAny, "O9", "Other ethnic group: any other ethnic group", "Other"},
};
constexpr const auto& TermsOf(Ethnicity) { return kEthnicityTerms; }
static_assert(InEnumOrder(kEthnicityTerms));
inline constexpr int kEthnicityCount = static_cast<int>(std::size(kEthnicityTerms));
inline std::string_view EthnicityCode(Ethnicity ethnicity) { return CodeOf(ethnicity); }
inline std::string_view EthnicityLabel(Ethnicity ethnicity) { return LabelOf(ethnicity); }
inline std::string_view EthnicityGroup(Ethnicity ethnicity) { return kEthnicityTerms[static_cast<size_t>(ethnicity)].group; }
inline std::optional<Ethnicity> EthnicityFromCode(std::string_view code) { return Parse<Ethnicity>(code); }

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
