// The facts of a person's case that the IOM team records and the BRAG rating reads: contacts and appointments,
// pathway assessments and manual ratings (overrides), and the rule parameters a partnership sets. The types are in
// domain/cases/.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/status.h"
#include "domain/cases/assessment.h"
#include "domain/cases/brag.h"
#include "domain/cases/contact.h"
#include "domain/people/person.h"

namespace openiom {

class CaseRepository {
 public:
  virtual ~CaseRepository() = default;

  virtual Result<ContactId> AddContact(const Contact& contact) = 0;
  // NotFound when there is no such contact.
  virtual Result<Contact> GetContact(ContactId id) = 0;
  // Saves the contact's outcome, day, time, worker and notes if the stored version is still `contact.version` (then
  // increments it); Stale otherwise.
  virtual Status UpdateContact(const Contact& contact) = 0;
  // A person's contacts, oldest first (day, time, id).
  virtual Result<std::vector<Contact>> ContactsFor(PersonId person_id) = 0;

  // Stores an assessment and its needs, in the form's order.
  virtual Result<AssessmentId> AddAssessment(const Assessment& assessment) = 0;
  // A person's assessments with their needs, oldest first (day, id).
  virtual Result<std::vector<Assessment>> AssessmentsFor(PersonId person_id) = 0;

  virtual Result<int64_t> AddOverride(PersonId person_id, const BragOverride& override_, Timestamp requested_at) = 0;
  // The person's overrides, oldest first, each with its version (for sign-off and withdrawal).
  struct StoredOverride {
    BragOverride override_;
    PersonId person_id = 0;
    int version = 1;
  };
  virtual Result<std::vector<StoredOverride>> OverridesFor(PersonId person_id) = 0;
  virtual Result<StoredOverride> GetOverride(int64_t id) = 0;
  // Saves the sign-off (approved_by, approved_at) and withdrawal (ended_on, by `ended_by`) if the stored version is
  // still `version` (then increments it); Stale otherwise.
  virtual Status UpdateOverride(const BragOverride& override_, int version, const std::string& ended_by) = 0;

  // The stored parameters of a rule set by name ("brag"), or nothing when the defaults apply.
  virtual Result<std::optional<std::string>> RuleParameters(const std::string& name) = 0;
  virtual Status SetRuleParameters(const std::string& name, const std::string& parameters,
                                   const std::string& changed_by, Timestamp changed_at) = 0;
};

}  // namespace openiom
