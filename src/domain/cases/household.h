// Households and relationships: who a person is linked to (a parent or child, sibling, partner, ex-partner,
// associate or co-defendant) and who they live with (a household at an address), so that a Team Around the
// Household sees the connected cohort members together. A link or a membership runs from a day and, once ended,
// until a day; "current" is one not yet ended. The rules here are pure, with the day passed in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/people/person.h"
#include "domain/vocabulary.h"

namespace openiom {

// parent_of is directed (from the parent to the child) and reads "Child of" from the child's side; every other
// kind is symmetric and reads the same from both sides.
enum class RelationshipKind { kParentOf, kSibling, kPartner, kExPartner, kAssociate, kCoDefendant };
inline constexpr Term<RelationshipKind> kRelationshipKindTerms[] = {
    {RelationshipKind::kParentOf, "parent_of", "Parent of"},
    {RelationshipKind::kSibling, "sibling", "Sibling of"},
    {RelationshipKind::kPartner, "partner", "Partner of"},
    {RelationshipKind::kExPartner, "ex_partner", "Ex-partner of"},
    {RelationshipKind::kAssociate, "associate", "Associate of"},
    {RelationshipKind::kCoDefendant, "co_defendant", "Co-defendant with"},
};
constexpr const auto& TermsOf(RelationshipKind) {
  return kRelationshipKindTerms;
}
static_assert(InEnumOrder(kRelationshipKindTerms));

// Only parent_of has a direction.
bool IsDirected(RelationshipKind kind);

// The code a form or the API types for a parent_of link seen from the child's side: "the person is the child of the
// other one". ParseRelationshipChoice reads it.
inline constexpr std::string_view kChildOfCode = "child_of";

// A kind as typed from one person's side: a RelationshipKind code, or kChildOfCode. `reversed` is set when the
// person typed for is the link's `to` side (the child). Nullopt for anything else.
struct RelationshipChoice {
  RelationshipKind kind = RelationshipKind::kSibling;
  bool reversed = false;
};
std::optional<RelationshipChoice> ParseRelationshipChoice(std::string_view code);

using RelationshipId = int64_t;

struct Relationship {
  RelationshipId id = 0;  // 0 until stored
  PersonId from_person_id = 0;  // for parent_of, the parent
  PersonId to_person_id = 0;    // for parent_of, the child
  RelationshipKind kind = RelationshipKind::kSibling;
  Date from{};
  std::optional<Date> until;  // set when the link ended (a partnership over, an association finished)
  std::string source;         // where it is known from ("PNC co-accused", "self-reported at induction")
  std::string notes;
  std::string recorded_by, ended_by;
  Timestamp recorded_at{};
  int version = 1;

  bool Current() const { return !until; }
  bool Involves(PersonId person) const { return from_person_id == person || to_person_id == person; }
  // The person at the other end from `person`. REQUIRES: Involves(person).
  PersonId OtherThan(PersonId person) const { return from_person_id == person ? to_person_id : from_person_id; }
};

// How the link reads from `viewer`'s side, naming the viewer's part: "Parent of" for the parent, "Child of" for the
// child, the kind's label for a symmetric kind ("Sibling of"). REQUIRES: relationship.Involves(viewer).
std::string_view RoleFrom(const Relationship& relationship, PersonId viewer);

inline constexpr size_t kMaxRelationshipSource = 200;
inline constexpr size_t kMaxRelationshipNotes = 2000;

// Every problem with a new link, as {field, message}: one with oneself ("other_person"); a current link of the same
// kind between the same two people already among `existing`, in either direction ("kind"); no source, or a source
// or notes over their limits ("source", "notes"); a start after `today` or before 1900 ("from"); an end before the
// start or after `today` ("until"). `existing` holds the links of either person; ended ones never count.
FieldProblems RelationshipProblems(const Relationship& relationship, const std::vector<Relationship>& existing,
                                   Date today);

// Problems with ending `relationship` on `until`: before it started or after `today` ("until"). Ending an ended link
// is not a problem of the input (the caller refuses it as a failed precondition).
FieldProblems EndProblems(Date from, Date until, Date today);

using HouseholdId = int64_t;

// A person's stay in a household, from a day until the day they left.
struct HouseholdMember {
  int64_t id = 0;  // 0 until stored
  HouseholdId household_id = 0;
  PersonId person_id = 0;
  Date from{};
  std::optional<Date> until;
  std::string added_by, ended_by;
  Timestamp added_at{};
  int version = 1;
  std::string surname, forenames;  // for lists

  bool Current() const { return !until; }
};

// People living together at one address.
struct Household {
  HouseholdId id = 0;  // 0 until stored
  std::string address_line, postcode;
  std::string created_by;
  Timestamp created_at{};
  std::vector<HouseholdMember> members;  // current and past, by start then id
};

inline constexpr size_t kMaxAddressLine = 200;

// Problems with a household's address: no address line or one over kMaxAddressLine ("address_line"), a postcode
// that is not 5 to 7 letters and digits once spaces are taken out ("postcode").
FieldProblems HouseholdAddressProblems(std::string_view address_line, std::string_view postcode);

// Problems with a new membership, given the person's memberships as stored (`existing`): another current one (a
// person is in at most one current household: "household"), a start after `today` or before 1900 ("from").
FieldProblems MembershipProblems(const HouseholdMember& member, const std::vector<HouseholdMember>& existing,
                                 Date today);

// Address matching, for suggesting who shares a household. A postcode normalised: letters upper-cased, spaces taken
// out ("ts1 2ab " -> "TS12AB").
std::string NormalisePostcode(std::string_view postcode);
// An address line normalised: lower-cased, punctuation (, . ; : ' " ( ) -) read as spaces, spaces collapsed and
// trimmed, and the usual street abbreviations written out as words (rd -> road, st -> street, ave -> avenue, ...),
// so "12, High St." and "12 high street" are equal. Flat and house numbers are kept: "Flat 2, 12 High Street" is
// another home than "12 High Street".
std::string NormaliseAddressLine(std::string_view line);
// The key two records share when they are at the same address: the normalised line and postcode, or nullopt when
// either is missing (no match can be claimed from half an address).
std::optional<std::string> AddressKey(std::string_view line, std::string_view postcode);

}  // namespace openiom
