#include "services/cases/case_note_service.h"

#include <fmt/format.h>

#include "services/access/use_case.h"
#include "storage/access/access_repository.h"
#include "storage/cases/case_note_repository.h"
#include "storage/people/event_repository.h"
#include "storage/people/person_repository.h"
#include "storage/transaction.h"

namespace openiom {
namespace {

bool WroteIt(const Actor& actor, const CaseNote& note) {
  return actor.user_id != 0 && note.author_user_id == actor.user_id;
}

// Reads the person, their notes as `actor` is shown them and what they may add, inside the caller's write
// transaction, and appends there a denied entry for each note withheld: the denials stand or fall with the read.
Status ReadNotes(Transaction& transaction, const AuditTrail& audit, const Actor& actor, PersonId person_id,
                 CaseNotes& read) {
  ASSIGN_OR_RETURN(read.person, transaction.Get<PersonRepository>().Get(person_id));
  ASSIGN_OR_RETURN(const std::vector<Event> warrants, transaction.Get<EventRepository>().OpenWarrants(person_id));
  read.has_open_warrant = !warrants.empty();
  ASSIGN_OR_RETURN(const std::vector<CaseNote> notes, transaction.Get<CaseNoteRepository>().ForPerson(person_id));
  read.notes.clear();
  read.withheld = 0;
  for (const CaseNote& note : notes) {
    const Decision decision = Decide({.actor = actor,
                                      .action = Action::kViewNotes,
                                      .object = ObjectKind::kCaseNote,
                                      .sensitivity = note.sensitivity,
                                      .author = WroteIt(actor, note)});
    if (decision.allowed) {
      read.notes.push_back(NoteView::Readable(note));
      continue;
    }
    read.notes.push_back(NoteView::Withheld(note));
    ++read.withheld;
    RETURN_IF_ERROR(audit.Append(transaction, actor,
                                 {ActionCode(Action::kViewNotes), ObjectKind::kCaseNote, std::to_string(note.id),
                                  AuditOutcome::kDenied, decision.reason}));
  }
  // What the form offers: asked with the relationship, so that a break-glass reader is offered nothing to add.
  PersonRelationship relationship;
  if (!SeesEveryone(actor)) {
    ASSIGN_OR_RETURN(relationship.involvement,
                     transaction.Get<AccessRepository>().Involvement(person_id, actor.agency_id, actor.user_id));
  }
  read.may_add.clear();
  for (const Sensitivity sensitivity : All<Sensitivity>()) {
    if (Decide({.actor = actor,
                .action = Action::kAddNote,
                .object = ObjectKind::kCaseNote,
                .sensitivity = sensitivity,
                .relationship = relationship})
            .allowed) {
      read.may_add.push_back(sensitivity);
    }
  }
  return Status::Ok();
}

}  // namespace

Result<CaseNotes> CaseNoteService::List(const Actor& actor, PersonId person_id) {
  return Read(actor, person_id, false);
}

Result<CaseNotes> CaseNoteService::Export(const Actor& actor, PersonId person_id) {
  return Read(actor, person_id, true);
}

Result<CaseNotes> CaseNoteService::Read(const Actor& actor, PersonId person_id, bool exported) {
  CaseNotes read;
  RETURN_IF_ERROR(Audited(database_, audit_, UseCase::OnPerson(actor, Action::kViewNotes, person_id, {NoSuchPerson()}),
                          [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
                            RETURN_IF_ERROR(ReadNotes(transaction, audit_, actor, person_id, read));
                            const int shown = static_cast<int>(read.notes.size()) - read.withheld;
                            entry.detail = fmt::format("{}{}; notes shown: {}, withheld: {}",
                                                       exported ? "exported as CSV; " : "", entry.basis, shown,
                                                       read.withheld);
                            return Status::Ok();
                          }));
  return read;
}

Result<NoteView> CaseNoteService::Add(const Actor& actor, PersonId person_id, const std::string& text,
                                      const std::string& sensitivity, std::optional<CaseNotes>* shown) {
  const auto check = [&]() -> Status {
    FieldProblems problems = CaseNoteProblems(text, sensitivity);
    if (problems.empty()) return Status::Ok();
    return Status::Invalid(std::move(problems), "the note is not valid");
  };
  std::optional<NoteView> added;
  const UseCase use_case = UseCase::OnPerson(actor, Action::kAddNote, person_id, {NoSuchPerson()});
  const Status status = Audited(
      database_, audit_, use_case, check, [&](Transaction& transaction, UseCaseEntry& entry) -> Status {
        RETURN_IF_ERROR(transaction.Get<PersonRepository>().Get(person_id).status());
        const Sensitivity level = *Parse<Sensitivity>(sensitivity);  // the check refused any other code
        // Need-to-know was asked by Audited; the level is asked now, of the note as it would be written. Never as its
        // author: one may add only what one's agency may read.
        if (const Decision decision = Decide(
                {.actor = actor, .action = Action::kAddNote, .object = ObjectKind::kCaseNote, .sensitivity = level});
            !decision.allowed) {
          return Status::PermissionDenied(decision.reason);
        }
        CaseNote note{.person_id = person_id,
                      .sensitivity = level,
                      .text = std::string(NoteText(text)),
                      .author_user_id = actor.user_id,
                      .author = actor.username,
                      .agency_id = actor.agency_id,
                      .agency = actor.agency_name,
                      .created_at = clock_.Now()};
        ASSIGN_OR_RETURN(note.id, transaction.Get<CaseNoteRepository>().Add(note));
        added = NoteView::Readable(note);
        entry.detail = fmt::format("case note {} ({})", note.id, sensitivity);
        return Status::Ok();
      });
  // The read the form shows again is List's, with its denied entries, in ShowAgain's own transaction (the work's
  // was rolled back).
  ShowAgain<CaseNotes>(database_, audit_, use_case, status, shown, [&](Transaction& transaction) -> Result<CaseNotes> {
    CaseNotes read;
    RETURN_IF_ERROR(ReadNotes(transaction, audit_, actor, person_id, read));
    return read;
  });
  RETURN_IF_ERROR(status);
  return *added;
}

}  // namespace openiom
