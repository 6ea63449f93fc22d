// A person's household and relationships: who they live with (a household at an address, with its members and their
// stays) and who they are linked to (parent or child, sibling, partner, ex-partner, associate, co-defendant), each
// connected person shown with whether they are in the cohort and, if they are, their BRAG rating today, so a Team
// Around the Household sees the family together. And the people recorded at the same address who are not yet in the
// household ("also at this address"). Authorised and audited here, whichever entry point calls.
//
// Reading is a view of the person's record (Action::kViewPerson, need-to-know), audited once. Every connected person
// is decided on their own record too (kViewPerson with the actor's relationship with them): one the actor may view is
// shown with name and rating, and that read is audited on their record (one success entry per connected person, so
// the trail of each person lists who saw their name and rating, and via whom); one the actor may not view is shown
// as "A connected person you have no involvement with", with no name, id or rating, and the refusal is audited on
// their record as denied. All these entries are written in the view's own transaction. The ratings are computed
// as CaseService computes them (RateInTransaction), in the same transaction, not through an audited read per person.
//
// Changes are Action::kManageRelationships: practitioners and managers of an agency that works with the person, never
// by breaking the glass. A link changes two records, so the actor needs kManageRelationships on the other person too
// (refused as PermissionDenied, audited as denied). Joining a household changes only the joining person's record.
// Calls behind a form take an optional `shown`, as PlanService's do.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/brag.h"
#include "domain/cases/household.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"

namespace openiom {

class AuditTrail;
class Database;

// Someone connected to the person viewed, as the actor may see them.
struct ConnectedPerson {
  bool hidden = false;  // the actor may not view them: everything below is empty
  PersonId person_id = 0;
  std::string surname, forenames;
  bool in_cohort = false;
  std::optional<BragAssessment> rating;  // today's, for a current cohort member only
};

struct RelationshipRow {
  Relationship relationship;
  std::string role;  // the viewed person's part, RoleFrom: "Parent of", "Child of", "Sibling of"...
  ConnectedPerson other;
};

struct HouseholdMemberRow {
  HouseholdMember member;  // with the name cleared when the person is hidden
  ConnectedPerson person;  // for the viewed person themselves: not hidden, with their own rating
  bool is_viewed = false;
};

// Everything the Household tab shows, read in one audited view.
struct HouseholdView {
  Person person;
  bool open_warrant = false;  // for the record's header
  Date today{};
  std::optional<Household> household;            // the current one, if any (members: see `members`)
  std::optional<HouseholdMember> own_stay;       // the person's current stay, for the form that ends it
  std::vector<HouseholdMemberRow> members;       // the household's current members, by start then id
  std::vector<RelationshipRow> relationships;    // current ones by start day, then ended ones
  // People whose recorded address (address line and postcode, normalised: AddressKey) is the person's and who are
  // not in the person's current household, shown only when the actor may view them.
  std::vector<ConnectedPerson> also_at_address;
};

// A link as typed from the viewed person's side: a kind (ParseRelationshipChoice's codes: "child_of" for the child
// side of parent_of), the other person's id, a YYYY-MM-DD start day, where it is known from, and notes.
struct RelationshipInput {
  std::string kind, other_person_id, from, source, notes;
};

// Joining a household as typed: an existing household's id, or ("" id) a new household's address; and a YYYY-MM-DD
// start day.
struct HouseholdInput {
  std::string household_id, address_line, postcode, from;
};

class HouseholdService {
 public:
  HouseholdService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // The person's household and relationships today. kViewPerson, audited (see above); NotFound (audited) for no such
  // person.
  Result<HouseholdView> Household(const Actor& actor, PersonId person_id);

  // kManageRelationships on both people: a new current link. Returns its id. InvalidArgument with every problem
  // (RelationshipProblems; "kind", "other_person" and "from" that cannot be read; "other_person" for no such person).
  Result<RelationshipId> AddRelationship(const Actor& actor, PersonId person_id, const RelationshipInput& input,
                                         std::optional<Person>* shown = nullptr);
  // kManageRelationships on the person: ends a link of theirs on `until` (YYYY-MM-DD; today when empty) if the stored
  // version is still `expected_version` (Stale otherwise). NotFound for a link not theirs; FailedPrecondition for
  // one already ended.
  Status EndRelationship(const Actor& actor, PersonId person_id, RelationshipId relationship_id, int expected_version,
                         const std::string& until, std::optional<Person>* shown = nullptr);

  // kManageRelationships on the person: adds them to a household (an existing one, or a new one at the address
  // typed) from `input.from` (today when empty). Returns the stay's id. InvalidArgument with every problem
  // (HouseholdAddressProblems, MembershipProblems, "household" for no such household).
  Result<int64_t> JoinHousehold(const Actor& actor, PersonId person_id, const HouseholdInput& input,
                                std::optional<Person>* shown = nullptr);
  // kManageRelationships on the person: ends their stay `stay_id` on `until` (today when empty), as EndRelationship.
  Status LeaveHousehold(const Actor& actor, PersonId person_id, int64_t stay_id, int expected_version,
                        const std::string& until, std::optional<Person>* shown = nullptr);

 private:
  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
