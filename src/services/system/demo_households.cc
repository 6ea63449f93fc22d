#include "services/system/demo_households.h"

#include <string>

#include "domain/cases/household.h"
#include "services/system/demo_data.h"
#include "storage/cases/household_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {

namespace {

using std::chrono::days;

constexpr std::string_view kBy = "demo.manager";

}  // namespace

Status AddDemoHouseholds(Transaction& transaction, const std::vector<PersonId>& members, Date as_of, Timestamp now,
                         DemoCaseloadReport& report) {
  if (members.size() < 10) return Status::Ok();
  HouseholdRepository& homes = transaction.Get<HouseholdRepository>();
  PersonRepository& people = transaction.Get<PersonRepository>();
  const auto link = [&](PersonId from, PersonId to, RelationshipKind kind, int since_days,
                        std::optional<int> ended_days, std::string source, std::string notes = "") -> Status {
    Relationship relationship{.from_person_id = from, .to_person_id = to, .kind = kind,
                              .from = as_of - days(since_days), .source = std::move(source),
                              .notes = std::move(notes), .recorded_by = std::string(kBy), .recorded_at = now};
    if (ended_days) {
      relationship.until = as_of - days(*ended_days);
      relationship.ended_by = std::string(kBy);
    }
    RETURN_IF_ERROR(homes.AddRelationship(relationship).status());
    ++report.relationships;
    return Status::Ok();
  };
  // A household at a member's recorded address (or at `line`, `postcode` when the record has none), with `residents`.
  const auto household = [&](PersonId at, std::string_view line, std::string_view postcode,
                              const std::vector<PersonId>& residents) -> Result<HouseholdId> {
    ASSIGN_OR_RETURN(const Person person, people.Get(at));
    const bool recorded = AddressKey(person.address.line, person.address.postcode).has_value();
    ASSIGN_OR_RETURN(const HouseholdId id,
                     homes.CreateHousehold({.address_line = recorded ? person.address.line : std::string(line),
                                            .postcode = recorded ? person.address.postcode : std::string(postcode),
                                            .created_by = std::string(kBy),
                                            .created_at = now}));
    for (const PersonId resident : residents) {
      RETURN_IF_ERROR(homes.AddMember({.household_id = id, .person_id = resident, .from = as_of - days(400),
                                       .added_by = std::string(kBy), .added_at = now})
                          .status());
    }
    ++report.households;
    return id;
  };

  // Siblings, both in the cohort, living together; a third member's record now gives the same address (they moved in
  // recently), so the Household tab suggests adding them, "same address as recorded on their record".
  RETURN_IF_ERROR(link(members[0], members[3], RelationshipKind::kSibling, 9000, std::nullopt,
                       "Family details at probation induction"));
  ASSIGN_OR_RETURN(const HouseholdId siblings, household(members[0], "14 Acklam Road", "TS5 7AA", {members[0], members[3]}));
  ASSIGN_OR_RETURN(const Household shared, homes.GetHousehold(siblings));
  // The demo records carry no postcode, so the first sibling's record is given the household's address too.
  for (const PersonId at_address : {members[0], members[6]}) {
    ASSIGN_OR_RETURN(Person person, people.Get(at_address));
    person.address.line = shared.address_line;
    person.address.postcode = shared.postcode;
    person.updated_at = now;
    RETURN_IF_ERROR(people.Update(person));
  }

  // A partnership that ended with domestic abuse: the ex-partner link carries it, and the stay ended when they split.
  RETURN_IF_ERROR(link(members[1], members[4], RelationshipKind::kPartner, 900, 200,
                       "Police DV incident log (DASH risk assessment)"));
  RETURN_IF_ERROR(link(members[1], members[4], RelationshipKind::kExPartner, 200, std::nullopt,
                       "MATAC referral", "Domestic abuse: non-molestation order in place; do not arrange joint appointments"));
  ASSIGN_OR_RETURN(const HouseholdId former, household(members[1], "3 Parliament Road", "TS1 4JA", {members[1], members[4]}));
  ASSIGN_OR_RETURN(const Household split, homes.GetHousehold(former));
  for (HouseholdMember stay : split.members) {
    if (stay.person_id != members[4]) continue;
    stay.until = as_of - days(200);
    stay.ended_by = std::string(kBy);
    RETURN_IF_ERROR(homes.EndMember(stay));
  }

  // Co-defendants in one burglary: each pair linked once.
  for (const auto& [a, b] : {std::pair{2, 5}, std::pair{2, 7}, std::pair{5, 7}}) {
    RETURN_IF_ERROR(link(members[static_cast<size_t>(a)], members[static_cast<size_t>(b)],
                         RelationshipKind::kCoDefendant, 120, std::nullopt, "PNC: co-accused, Teesside Crown Court"));
  }
  // A parent and their young adult child, both in the cohort.
  return link(members[8], members[9], RelationshipKind::kParentOf, 8000, std::nullopt,
              "Children's services (Team Around the Family)");
}

}  // namespace openiom
