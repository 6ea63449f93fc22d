// Nominals, their aliases and identifiers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/people/identifier.h"
#include "domain/people/person.h"

namespace openiom {

struct PersonSummary {
  PersonId id = 0;
  std::string surname;
  std::string forenames;
  std::optional<Date> date_of_birth;
  Gender gender = Gender::kUnknown;
  std::string district;
  std::string pnc_id;  // empty when none
  int64_t event_count = 0;
  bool open_warrant = false;  // a warrant not followed by an arrest or custody (as HasOpenWarrant)
  bool in_cohort = false;     // a current (not de-selected) cohort membership
};

struct PersonQuery {
  std::string name;           // words that must each appear in the name or an alias (any case), or empty
  std::string pnc_id;         // canonical, exact
  std::string crn;            // exact
  std::optional<Date> date_of_birth;
  std::string district;       // exact
  bool open_warrant = false;  // only people with an open warrant (domain/people/event.h: HasOpenWarrant)
  int limit = 20;
  int offset = 0;
};

struct PersonCounts {
  int64_t people = 0;
  int64_t events = 0;
  int64_t area_crimes = 0;
};

class PersonRepository {
 public:
  virtual ~PersonRepository() = default;

  // Inserts a person (id ignored) with its aliases, version 1. Returns the new id.
  virtual Result<PersonId> Create(const Person& person) = 0;
  // NotFound when no person has this id.
  virtual Result<Person> Get(PersonId id) = 0;
  // Writes every field and the aliases if person.version matches the stored version, then increments it.
  // NotFound when the person does not exist; Stale when the stored version differs (someone else
  // changed the record since it was read).
  virtual Status Update(const Person& person) = 0;
  // People ordered by name (surname then forenames, ignoring case; NameKey order, the same on every backend), then id.
  virtual Result<std::vector<PersonSummary>> List(int limit, int offset) = 0;
  // People matching every given criterion, in List order, and how many match in all.
  virtual Result<std::pair<std::vector<PersonSummary>, int64_t>> Search(const PersonQuery& query) = 0;
  virtual Result<PersonCounts> Counts() = 0;
  virtual Result<int64_t> Count() = 0;
  virtual Result<int64_t> CountIdentifiers() = 0;
  virtual Result<int64_t> CountAliases() = 0;

  virtual Result<std::vector<Identifier>> Identifiers(PersonId id) = 0;
  // Conflict if the person already has an identifier of this kind or another person holds this value.
  virtual Status AddIdentifier(PersonId id, const Identifier& identifier) = 0;
  virtual Result<std::optional<PersonId>> FindByIdentifier(const Identifier& identifier) = 0;
  // People whose NameKey and date of birth match exactly.
  virtual Result<std::vector<PersonId>> FindByNameAndDateOfBirth(const std::string& name_key, Date date_of_birth) = 0;
};

}  // namespace openiom
