// Case notes with sensitivity (issue 10): listing a person's notes, each shown with its text or as restricted by the
// access policy, exporting them, and adding one. Authorised and audited here, so the pages, the API and the exports
// withhold exactly the same notes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/status.h"
#include "domain/cases/case_note.h"
#include "domain/people/person.h"
#include "services/access/access_policy.h"
#include "services/audit/audit_trail.h"
#include "storage/database.h"

namespace openiom {

// A person's notes as one reader is shown them.
struct CaseNotes {
  Person person;
  bool has_open_warrant = false;
  std::vector<NoteView> notes;  // newest first; a note the reader may not read is withheld (NoteView::Withheld)
  int withheld = 0;             // how many of `notes` are restricted
  // The sensitivities the reader may add a note of to this record, in the vocabulary's order; empty when they may
  // add none (their role, or need-to-know: breaking the glass reads notes, it never adds them).
  std::vector<Sensitivity> may_add;
};

class CaseNoteService {
 public:
  CaseNoteService(Database& database, const AuditTrail& audit, const Clock& clock)
      : database_(database), audit_(audit), clock_(clock) {}

  // Action::kViewNotes on the person's record (need-to-know; PermissionDenied and NotFound audited). Each note is
  // readable when the access policy lets the actor read its sensitivity (AccessRequest::sensitivity, and ::author
  // for their own notes), and withheld otherwise. In one transaction: one success entry for the read (its detail the
  // basis and the counts shown and withheld) and, for each withheld note, an entry of its own with outcome denied
  // (object case_note, the note's id, the policy's reason): a refused read is audited as refused, and the trail holds
  // both or neither.
  Result<CaseNotes> List(const Actor& actor, PersonId person_id);
  // The same read for a download (CSV): audited the same way, the success entry's detail saying it was exported.
  Result<CaseNotes> Export(const Actor& actor, PersonId person_id);

  // Action::kAddNote (need-to-know for a change: breaking the glass does not open it). Checks the input first
  // (CaseNoteProblems: InvalidArgument with problems on "text" and "sensitivity", not audited), then refuses with
  // PermissionDenied (audited as denied) a sensitivity the actor's agency may not add (a housing worker adds no
  // intelligence note). The author and the agency are the actor's, never the input's; the text is stored trimmed.
  // Returns the note as its author reads it. NotFound (audited) when there is no such person. `shown`: after bad
  // input, the notes as List gives them (and audits them, once), so the page shows its form again without another
  // read; nullopt after any other failure.
  Result<NoteView> Add(const Actor& actor, PersonId person_id, const std::string& text, const std::string& sensitivity,
                       std::optional<CaseNotes>* shown = nullptr);

 private:
  Result<CaseNotes> Read(const Actor& actor, PersonId person_id, bool exported);

  Database& database_;
  const AuditTrail& audit_;
  const Clock& clock_;
};

}  // namespace openiom
