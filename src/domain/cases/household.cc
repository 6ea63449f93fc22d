#include "domain/cases/household.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace openiom {

namespace {

// No link or stay recorded for the cohort starts before 1900: an earlier year is a typing mistake.
const Date kEarliest = *ParseIsoDate("1900-01-01");

// Street words as commonly abbreviated on records (Royal Mail's thoroughfare descriptors), written out so that one
// spelling matches the other. "st" may be Saint as well as Street: both records normalise the same way, so the key
// still matches when the rest of the line does.
constexpr std::pair<std::string_view, std::string_view> kStreetWords[] = {
    {"rd", "road"},    {"st", "street"},   {"ave", "avenue"},  {"av", "avenue"},    {"ln", "lane"},
    {"cl", "close"},   {"cres", "crescent"}, {"dr", "drive"},  {"ter", "terrace"},  {"terr", "terrace"},
    {"gdns", "gardens"}, {"pl", "place"},  {"sq", "square"},   {"ct", "court"},     {"gr", "grove"},
};

bool IsPunctuation(char c) {
  return c == ',' || c == '.' || c == ';' || c == ':' || c == '\'' || c == '"' || c == '(' || c == ')' || c == '-';
}

}  // namespace

bool IsDirected(RelationshipKind kind) {
  return kind == RelationshipKind::kParentOf;
}

std::optional<RelationshipChoice> ParseRelationshipChoice(std::string_view code) {
  if (code == kChildOfCode) return RelationshipChoice{RelationshipKind::kParentOf, true};
  if (const std::optional<RelationshipKind> kind = Parse<RelationshipKind>(code)) {
    return RelationshipChoice{*kind, false};
  }
  return std::nullopt;
}

std::string_view RoleFrom(const Relationship& relationship, PersonId viewer) {
  if (IsDirected(relationship.kind) && relationship.to_person_id == viewer) return "Child of";
  return LabelOf(relationship.kind);
}

FieldProblems RelationshipProblems(const Relationship& relationship, const std::vector<Relationship>& existing,
                                   Date today) {
  FieldProblems problems;
  if (relationship.from_person_id == relationship.to_person_id) {
    problems.push_back({"other_person", "cannot be linked to themselves"});
  } else {
    // Either direction: "A sibling of B" and "B sibling of A" are one link, and a parent cannot also be the child.
    const bool duplicate = std::any_of(existing.begin(), existing.end(), [&](const Relationship& r) {
      return r.id != relationship.id && r.Current() && r.kind == relationship.kind &&
             r.Involves(relationship.from_person_id) && r.Involves(relationship.to_person_id);
    });
    if (duplicate) problems.push_back({"kind", "These two people already have a current link of this kind"});
  }
  if (relationship.source.empty()) {
    problems.push_back({"source", "Say where this link is known from"});
  } else if (relationship.source.size() > kMaxRelationshipSource) {
    problems.push_back({"source", "must be at most " + std::to_string(kMaxRelationshipSource) + " characters"});
  }
  if (relationship.notes.size() > kMaxRelationshipNotes) {
    problems.push_back({"notes", "must be at most " + std::to_string(kMaxRelationshipNotes) + " characters"});
  }
  if (relationship.from > today) {
    problems.push_back({"from", "cannot be in the future"});
  } else if (relationship.from < kEarliest) {
    problems.push_back({"from", "must be in 1900 or later"});
  }
  if (relationship.until) {
    for (FieldProblem& problem : EndProblems(relationship.from, *relationship.until, today)) {
      problems.push_back(std::move(problem));
    }
  }
  return problems;
}

FieldProblems EndProblems(Date from, Date until, Date today) {
  if (until < from) return {{"until", "must be on or after the day it started"}};
  if (until > today) return {{"until", "cannot be in the future"}};
  return {};
}

FieldProblems HouseholdAddressProblems(std::string_view address_line, std::string_view postcode) {
  FieldProblems problems;
  const std::string line = NormaliseAddressLine(address_line);
  if (line.empty()) {
    problems.push_back({"address_line", "Enter the address"});
  } else if (address_line.size() > kMaxAddressLine) {
    problems.push_back({"address_line", "must be at most " + std::to_string(kMaxAddressLine) + " characters"});
  }
  // A UK postcode is 5 to 7 letters and digits without its space (M1 1AA to EC1A 1BB).
  const std::string code = NormalisePostcode(postcode);
  const bool alphanumeric =
      std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
  if (code.empty()) {
    problems.push_back({"postcode", "Enter the postcode"});
  } else if (code.size() < 5 || code.size() > 7 || !alphanumeric) {
    problems.push_back({"postcode", "Enter a real postcode, like TS1 2AB"});
  }
  return problems;
}

FieldProblems MembershipProblems(const HouseholdMember& member, const std::vector<HouseholdMember>& existing,
                                 Date today) {
  FieldProblems problems;
  const bool elsewhere = member.Current() && std::any_of(existing.begin(), existing.end(), [&](const HouseholdMember& m) {
                           return m.id != member.id && m.person_id == member.person_id && m.Current();
                         });
  if (elsewhere) problems.push_back({"household", "is already in a household: end that stay first"});
  if (member.from > today) {
    problems.push_back({"from", "cannot be in the future"});
  } else if (member.from < kEarliest) {
    problems.push_back({"from", "must be in 1900 or later"});
  }
  if (member.until) {
    for (FieldProblem& problem : EndProblems(member.from, *member.until, today)) problems.push_back(std::move(problem));
  }
  return problems;
}

std::string NormalisePostcode(std::string_view postcode) {
  std::string code;
  for (const char c : postcode) {
    if (std::isspace(static_cast<unsigned char>(c)) != 0) continue;
    code.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return code;
}

std::string NormaliseAddressLine(std::string_view line) {
  std::vector<std::string> words;
  std::string word;
  const auto flush = [&] {
    if (word.empty()) return;
    for (const auto& [abbreviation, written] : kStreetWords) {
      if (word == abbreviation) {
        word = written;
        break;
      }
    }
    words.push_back(std::move(word));
    word.clear();
  };
  for (const char c : line) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isspace(u) != 0 || IsPunctuation(c)) {
      flush();
    } else {
      word.push_back(static_cast<char>(std::tolower(u)));
    }
  }
  flush();
  std::string joined;
  for (const std::string& w : words) joined += (joined.empty() ? "" : " ") + w;
  return joined;
}

std::optional<std::string> AddressKey(std::string_view line, std::string_view postcode) {
  std::string normal_line = NormaliseAddressLine(line), normal_postcode = NormalisePostcode(postcode);
  if (normal_line.empty() || normal_postcode.empty()) return std::nullopt;
  return normal_line + "|" + normal_postcode;
}

}  // namespace openiom
