// Case notes (domain/cases/case_note.h), stored append-only: a note is added and read, never changed or removed.
// The repository reads and writes every note as stored; who is shown a note's text is the service's, by the access
// policy (services/cases/case_note_service.h).
#pragma once

#include <cstdint>
#include <vector>

#include "common/status.h"
#include "domain/cases/case_note.h"

namespace openiom {

class CaseNoteRepository {
 public:
  virtual ~CaseNoteRepository() = default;

  // Stores `note` (its id ignored) and returns the new id. REQUIRES: the note passes CaseNoteProblems. NotFound
  // (as a broken reference) when the person does not exist.
  virtual Result<int64_t> Add(const CaseNote& note) = 0;
  // The person's notes, newest first (by created_at, then by id for notes of the same second); empty when there are
  // none or there is no such person.
  virtual Result<std::vector<CaseNote>> ForPerson(PersonId person_id) = 0;
};

}  // namespace openiom
