#include "domain/people/person.h"

#include <array>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"

namespace openiom {
namespace {

struct EthnicityInfo {
  Ethnicity value;
  std::string_view code;
  std::string_view group;
  std::string_view label;
};

constexpr std::array<EthnicityInfo, kEthnicityCount> kEthnicities{{
    {Ethnicity::kWhiteBritish, "W1", "White", "White: English, Welsh, Scottish, Northern Irish or British"},
    {Ethnicity::kWhiteIrish, "W2", "White", "White: Irish"},
    {Ethnicity::kWhiteGypsyOrIrishTraveller, "W3", "White", "White: Gypsy or Irish Traveller"},
    {Ethnicity::kWhiteRoma, "W4", "White", "White: Roma"},
    {Ethnicity::kWhiteOther, "W9", "White", "White: any other White background"},
    {Ethnicity::kMixedWhiteBlackCaribbean, "M1", "Mixed or multiple", "Mixed: White and Black Caribbean"},
    {Ethnicity::kMixedWhiteBlackAfrican, "M2", "Mixed or multiple", "Mixed: White and Black African"},
    {Ethnicity::kMixedWhiteAsian, "M3", "Mixed or multiple", "Mixed: White and Asian"},
    {Ethnicity::kMixedOther, "M9", "Mixed or multiple", "Mixed: any other mixed or multiple background"},
    {Ethnicity::kAsianIndian, "A1", "Asian", "Asian or Asian British: Indian"},
    {Ethnicity::kAsianPakistani, "A2", "Asian", "Asian or Asian British: Pakistani"},
    {Ethnicity::kAsianBangladeshi, "A3", "Asian", "Asian or Asian British: Bangladeshi"},
    {Ethnicity::kAsianChinese, "A4", "Asian", "Asian or Asian British: Chinese"},
    {Ethnicity::kAsianOther, "A9", "Asian", "Asian or Asian British: any other Asian background"},
    {Ethnicity::kBlackCaribbean, "B1", "Black", "Black, Black British, Caribbean or African: Caribbean"},
    {Ethnicity::kBlackAfrican, "B2", "Black", "Black, Black British, Caribbean or African: African"},
    {Ethnicity::kBlackOther, "B9", "Black", "Black, Black British, Caribbean or African: any other Black background"},
    {Ethnicity::kOtherArab, "O1", "Other", "Other ethnic group: Arab"},
    {Ethnicity::kOtherAny, "O9", "Other", "Other ethnic group: any other ethnic group"},
}};

const EthnicityInfo& Info(Ethnicity ethnicity) { return kEthnicities[static_cast<size_t>(ethnicity)]; }

constexpr size_t kMaxNameLength = 100;

// Lower-cases one UTF-8 letter where it is an ASCII or Latin-1 capital (U+00C0-U+00DE except U+00D7).
void AppendLower(std::string& out, std::string_view text, size_t& i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c >= 'A' && c <= 'Z') {
    out.push_back(static_cast<char>(c - 'A' + 'a'));
  } else if (c == 0xC3 && i + 1 < text.size()) {
    const auto next = static_cast<unsigned char>(text[i + 1]);
    out.push_back(static_cast<char>(c));
    out.push_back(static_cast<char>(next >= 0x80 && next <= 0x9E && next != 0x97 ? next + 0x20 : next));
    ++i;
  } else {
    out.push_back(static_cast<char>(c));
  }
}

void AppendNormalisedName(std::string& out, std::string_view name) {
  bool pending_space = false;
  bool any = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      pending_space = any;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    any = true;
    AppendLower(out, name, i);
  }
}

}  // namespace

std::string PersonNameProblem(std::string_view name) {
  if (Trim(name).empty()) return "is required";
  if (name.size() > kMaxNameLength) return fmt::format("is longer than {} characters", kMaxNameLength);
  if (!IsValidUtf8(name)) return "is not valid UTF-8 text";
  for (char c : name) {
    if (static_cast<unsigned char>(c) < 0x20) return "contains a control character";
  }
  return "";
}

Status ValidatePersonName(std::string_view field, std::string_view name) {
  std::string problem = PersonNameProblem(name);
  return problem.empty() ? Status::Ok() : Status::Invalid(std::string(field), std::move(problem));
}

std::string PersonName::Display() const { return forenames.empty() ? surname : forenames + " " + surname; }

std::string_view GenderCode(Gender gender) {
  switch (gender) {
    case Gender::kMale: return "M";
    case Gender::kFemale: return "F";
    case Gender::kOther: return "X";
    case Gender::kUnknown: return "U";
  }
  return "U";
}

std::string_view GenderLabel(Gender gender) {
  switch (gender) {
    case Gender::kMale: return "Male";
    case Gender::kFemale: return "Female";
    case Gender::kOther: return "Other";
    case Gender::kUnknown: return "Not known";
  }
  return "Not known";
}

std::optional<Gender> GenderFromCode(std::string_view code) {
  if (code == "M") return Gender::kMale;
  if (code == "F") return Gender::kFemale;
  if (code == "X") return Gender::kOther;
  if (code == "U") return Gender::kUnknown;
  return std::nullopt;
}

std::string_view EthnicityCode(Ethnicity ethnicity) { return Info(ethnicity).code; }
std::string_view EthnicityLabel(Ethnicity ethnicity) { return Info(ethnicity).label; }
std::string_view EthnicityGroup(Ethnicity ethnicity) { return Info(ethnicity).group; }

std::optional<Ethnicity> EthnicityFromCode(std::string_view code) {
  for (const EthnicityInfo& info : kEthnicities) {
    if (info.code == code) return info.value;
  }
  return std::nullopt;
}

FieldProblems PersonProblems(const Person& person, Date today) {
  FieldProblems problems;
  auto name = [&](std::string field, std::string_view value) {
    if (std::string problem = PersonNameProblem(value); !problem.empty()) problems.push_back({field, problem});
  };
  name("surname", person.surname);
  name("forenames", person.forenames);
  for (const PersonName& alias : person.aliases) {
    name("alias surname", alias.surname);
    name("alias forenames", alias.forenames);
  }
  if (person.date_of_birth && *person.date_of_birth > today) {
    problems.push_back({"date_of_birth", fmt::format("{} is in the future", FormatIsoDate(*person.date_of_birth))});
  }
  if (!person.address.lsoa_code.empty() && !IsLsoaCode(person.address.lsoa_code)) {
    problems.push_back({"lsoa_code", fmt::format("'{}' is not an LSOA code (E01 or W01 and six digits)",
                                                 person.address.lsoa_code)});
  }
  return problems;
}

Status ValidatePerson(const Person& person, Date today) {
  FieldProblems problems = PersonProblems(person, today);
  return problems.empty() ? Status::Ok() : Status::Invalid(std::move(problems));
}

std::string NameKey(std::string_view surname, std::string_view forenames) {
  std::string key;
  key.reserve(surname.size() + forenames.size() + 1);
  AppendNormalisedName(key, surname);
  key.push_back('\x1f');
  AppendNormalisedName(key, forenames);
  return key;
}

std::string NormaliseName(std::string_view name) {
  std::string out;
  AppendNormalisedName(out, name);
  return out;
}

bool IsLsoaCode(std::string_view code) {
  if (code.size() != 9 || (code[0] != 'E' && code[0] != 'W') || code[1] != '0' || code[2] != '1') return false;
  for (char c : code.substr(3)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace openiom
