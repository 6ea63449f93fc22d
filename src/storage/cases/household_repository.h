// Relationships between people and households with their members (domain/cases/household.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/cases/household.h"
#include "domain/people/person.h"

namespace openiom {

// A person's name and address as recorded on their record, for "also at this address".
struct AddressedPerson {
  PersonId person_id = 0;
  std::string surname, forenames, address_line, postcode;
};

class HouseholdRepository {
 public:
  virtual ~HouseholdRepository() = default;

  // Stores a new link (its id and version are ignored) and returns its id. Conflict when either person does not
  // exist or the two are the same.
  virtual Result<RelationshipId> AddRelationship(const Relationship& relationship) = 0;
  // The link; NotFound when there is none.
  virtual Result<Relationship> GetRelationship(RelationshipId id) = 0;
  // Saves `relationship.until` and `ended_by` if the stored version is still `relationship.version` (then increments
  // it); Stale otherwise.
  virtual Status EndRelationship(const Relationship& relationship) = 0;
  // Every link the person is at either end of, current and ended, by start day then id.
  virtual Result<std::vector<Relationship>> RelationshipsOf(PersonId person_id) = 0;

  // Stores a new household (no members; its id is ignored) and returns its id.
  virtual Result<HouseholdId> CreateHousehold(const Household& household) = 0;
  // The household with every member, current and past, with their names, by start day then id; NotFound when there
  // is none.
  virtual Result<Household> GetHousehold(HouseholdId id) = 0;
  // Stores a new stay (its id and version are ignored) and returns its id. Conflict when the person is already in a
  // current household, or the household or person does not exist.
  virtual Result<int64_t> AddMember(const HouseholdMember& member) = 0;
  // The stay with the person's name; NotFound when there is none.
  virtual Result<HouseholdMember> GetMember(int64_t id) = 0;
  // Saves `member.until` and `ended_by` if the stored version is still `member.version` (then increments it); Stale
  // otherwise.
  virtual Status EndMember(const HouseholdMember& member) = 0;
  // The person's stays in any household, current and past, by start day then id.
  virtual Result<std::vector<HouseholdMember>> MembershipsOf(PersonId person_id) = 0;

  // Everyone whose recorded postcode normalises to `normalised_postcode` (NormalisePostcode), by id; the caller
  // compares the address lines.
  virtual Result<std::vector<AddressedPerson>> PeopleAtPostcode(const std::string& normalised_postcode) = 0;
};

}  // namespace openiom
