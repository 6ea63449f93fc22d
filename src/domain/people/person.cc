#include "domain/people/person.h"

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"

namespace openiom {
namespace {

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
