#include "domain/cases/household.h"

#include <gtest/gtest.h>

namespace openiom {
namespace {

using std::chrono::days;

const Date kToday = *ParseIsoDate("2026-11-30");

std::vector<std::string> Fields(const FieldProblems& problems) {
  std::vector<std::string> fields;
  for (const FieldProblem& problem : problems) fields.push_back(problem.field);
  return fields;
}

Relationship Link(PersonId from, PersonId to, RelationshipKind kind, RelationshipId id = 0) {
  return {.id = id, .from_person_id = from, .to_person_id = to, .kind = kind, .from = kToday - days(30),
          .source = "PNC"};
}

TEST(Relationship, ReadsFromEachSide) {
  using enum RelationshipKind;
  struct Case {
    RelationshipKind kind;
    std::string_view from_side, to_side;
  };
  const Case cases[] = {
      {kParentOf, "Parent of", "Child of"},        {kSibling, "Sibling of", "Sibling of"},
      {kPartner, "Partner of", "Partner of"},      {kExPartner, "Ex-partner of", "Ex-partner of"},
      {kAssociate, "Associate of", "Associate of"}, {kCoDefendant, "Co-defendant with", "Co-defendant with"},
  };
  ASSERT_EQ(std::size(cases), All<RelationshipKind>().size()) << "every kind is in the table";
  for (const Case& c : cases) {
    const Relationship link = Link(1, 2, c.kind);
    EXPECT_EQ(RoleFrom(link, 1), c.from_side) << CodeOf(c.kind);
    EXPECT_EQ(RoleFrom(link, 2), c.to_side) << CodeOf(c.kind);
    EXPECT_EQ(IsDirected(c.kind), c.kind == kParentOf);
    EXPECT_EQ(link.OtherThan(1), 2);
    EXPECT_EQ(link.OtherThan(2), 1);
  }
}

TEST(Relationship, ChoicesFromOneSideIncludeChildOf) {
  struct Case {
    std::string_view code;
    std::optional<RelationshipKind> kind;
    bool reversed;
  };
  const Case cases[] = {
      {"parent_of", RelationshipKind::kParentOf, false}, {"child_of", RelationshipKind::kParentOf, true},
      {"sibling", RelationshipKind::kSibling, false},    {"co_defendant", RelationshipKind::kCoDefendant, false},
      {"", std::nullopt, false},                         {"Child_of", std::nullopt, false},
      {"cousin", std::nullopt, false},
  };
  for (const Case& c : cases) {
    const std::optional<RelationshipChoice> choice = ParseRelationshipChoice(c.code);
    ASSERT_EQ(choice.has_value(), c.kind.has_value()) << c.code;
    if (!choice) continue;
    EXPECT_EQ(choice->kind, *c.kind) << c.code;
    EXPECT_EQ(choice->reversed, c.reversed) << c.code;
  }
}

TEST(Relationship, ProblemsNameTheField) {
  using enum RelationshipKind;
  const auto with = [](Relationship r, auto change) {
    change(r);
    return r;
  };
  const std::vector<Relationship> existing = {
      Link(1, 2, kSibling, 10),
      Link(3, 1, kParentOf, 11),  // 3 is 1's parent
      with(Link(1, 4, kPartner, 12), [](Relationship& r) { r.until = kToday - days(1); }),  // ended
  };
  struct Case {
    const char* name;
    Relationship link;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"a new link", Link(1, 5, kAssociate), {}},
      {"with oneself", Link(1, 1, kAssociate), {"other_person"}},
      {"the same link again", Link(1, 2, kSibling), {"kind"}},
      {"the same link the other way round", Link(2, 1, kSibling), {"kind"}},
      {"the parent link again", Link(3, 1, kParentOf), {"kind"}},
      {"the parent link reversed (the child as parent)", Link(1, 3, kParentOf), {"kind"}},
      {"another kind between the same two", Link(2, 1, kCoDefendant), {}},
      {"the kind of an ended link, again", Link(4, 1, kPartner), {}},
      {"an ex-partner where the partnership ended", Link(1, 4, kExPartner), {}},
      {"the stored link itself (same id)", Link(1, 2, kSibling, 10), {}},
      {"no source", with(Link(1, 5, kAssociate), [](Relationship& r) { r.source.clear(); }), {"source"}},
      {"source at the limit",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.source = std::string(kMaxRelationshipSource, 's'); }),
       {}},
      {"source too long",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.source = std::string(kMaxRelationshipSource + 1, 's'); }),
       {"source"}},
      {"notes too long",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.notes = std::string(kMaxRelationshipNotes + 1, 'n'); }),
       {"notes"}},
      {"starts today", with(Link(1, 5, kAssociate), [](Relationship& r) { r.from = kToday; }), {}},
      {"starts tomorrow", with(Link(1, 5, kAssociate), [](Relationship& r) { r.from = kToday + days(1); }), {"from"}},
      {"starts in 1899",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.from = *ParseIsoDate("1899-12-31"); }),
       {"from"}},
      {"starts on 1 January 1900",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.from = *ParseIsoDate("1900-01-01"); }),
       {}},
      {"ends the day it started",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.until = r.from; }),
       {}},
      {"ends before it started",
       with(Link(1, 5, kAssociate), [](Relationship& r) { r.until = r.from - days(1); }),
       {"until"}},
      {"ends tomorrow", with(Link(1, 5, kAssociate), [](Relationship& r) { r.until = kToday + days(1); }), {"until"}},
      {"with oneself and no source",
       with(Link(7, 7, kSibling), [](Relationship& r) { r.source.clear(); }),
       {"other_person", "source"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Fields(RelationshipProblems(c.link, existing, kToday)), c.fields) << c.name;
}

TEST(Relationship, EndingChecksTheDay) {
  const Date from = kToday - days(10);
  EXPECT_TRUE(EndProblems(from, from, kToday).empty());
  EXPECT_TRUE(EndProblems(from, kToday, kToday).empty());
  EXPECT_EQ(Fields(EndProblems(from, from - days(1), kToday)), std::vector<std::string>{"until"});
  EXPECT_EQ(Fields(EndProblems(from, kToday + days(1), kToday)), std::vector<std::string>{"until"});
}

TEST(Household, APersonIsInAtMostOneCurrentHousehold) {
  const HouseholdMember stay{.id = 0, .household_id = 2, .person_id = 1, .from = kToday};
  const HouseholdMember current_elsewhere{.id = 5, .household_id = 1, .person_id = 1, .from = kToday - days(99)};
  HouseholdMember ended_elsewhere = current_elsewhere;
  ended_elsewhere.until = kToday - days(1);
  struct Case {
    const char* name;
    HouseholdMember member;
    std::vector<HouseholdMember> existing;
    std::vector<std::string> fields;
  };
  HouseholdMember tomorrow = stay, in_1899 = stay, leaving = current_elsewhere;
  tomorrow.from = kToday + days(1);
  in_1899.from = *ParseIsoDate("1899-12-31");
  leaving.until = kToday;
  const std::vector<Case> cases = {
      {"a first household", stay, {}, {}},
      {"after leaving the last one", stay, {ended_elsewhere}, {}},
      {"while still in another", stay, {current_elsewhere}, {"household"}},
      {"the current stay itself, ending today", leaving, {current_elsewhere}, {}},
      {"from tomorrow", tomorrow, {}, {"from"}},
      {"from 1899", in_1899, {}, {"from"}},
  };
  for (const Case& c : cases) EXPECT_EQ(Fields(MembershipProblems(c.member, c.existing, kToday)), c.fields) << c.name;
}

TEST(Household, AddressProblems) {
  static const std::string kLongLine(kMaxAddressLine + 1, 'x'), kLongestLine(kMaxAddressLine, 'x');
  struct Case {
    std::string_view line, postcode;
    std::vector<std::string> fields;
  };
  const Case cases[] = {
      {"12 High Street", "TS1 2AB", {}},
      {"12 High Street", "ts12ab", {}},
      {"12 High Street", "M1 1AA", {}},     // 5 characters, the shortest
      {"12 High Street", "EC1A 1BB", {}},   // 7, the longest
      {"12 High Street", "M1 1A", {"postcode"}},
      {"12 High Street", "EC1A 1BBB", {"postcode"}},
      {"12 High Street", "TS1-2AB", {"postcode"}},
      {"12 High Street", "  ", {"postcode"}},
      {" , . ", "TS1 2AB", {"address_line"}},
      {"", "", {"address_line", "postcode"}},
      {kLongLine, "TS1 2AB", {"address_line"}},
      {kLongestLine, "TS1 2AB", {}},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Fields(HouseholdAddressProblems(c.line, c.postcode)), c.fields) << c.line << " / " << c.postcode;
  }
}

TEST(Household, AddressesNormaliseEqualWhenTheyAreTheSameHome) {
  struct Case {
    std::string_view line, postcode;
    std::optional<std::string> key;
  };
  const Case cases[] = {
      {"12 High Street", "TS1 2AB", "12 high street|TS12AB"},
      {"12, High St.", "ts1 2ab", "12 high street|TS12AB"},
      {"  12   HIGH   street ", " TS1  2AB ", "12 high street|TS12AB"},
      {"12 High Rd", "TS1 2AB", "12 high road|TS12AB"},
      {"4 Acacia Ave", "TS5 6XY", "4 acacia avenue|TS56XY"},
      {"4 Acacia Av.", "TS5 6XY", "4 acacia avenue|TS56XY"},
      {"Flat 2, 12 High Street", "TS1 2AB", "flat 2 12 high street|TS12AB"},  // another home
      {"12a High Street", "TS1 2AB", "12a high street|TS12AB"},
      {"O'Neill Court", "TS1 2AB", "o neill court|TS12AB"},
      {"9 Rose Gdns", "TS1 2AB", "9 rose gardens|TS12AB"},
      {"9 Stanley Road", "TS1 2AB", "9 stanley road|TS12AB"},  // "st" only as a whole word
      {"12 High Street", "", std::nullopt},
      {"", "TS1 2AB", std::nullopt},
      {" ., ", "TS1 2AB", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(AddressKey(c.line, c.postcode), c.key) << c.line << " / " << c.postcode;
  EXPECT_EQ(AddressKey("12, High St.", "ts1 2ab"), AddressKey("12 high street", "TS12AB"));
  EXPECT_NE(AddressKey("Flat 2, 12 High Street", "TS1 2AB"), AddressKey("12 High Street", "TS1 2AB"));
  EXPECT_NE(AddressKey("12 High Street", "TS1 2AB"), AddressKey("12 High Street", "TS1 2AD"));
}

}  // namespace
}  // namespace openiom
