// Case notes in the web app: the notes tab of a person's record, its form and its CSV download. What a note shows
// comes from the service's NoteView alone, so a withheld note has no text here to show.
#include <sstream>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {
namespace {

// Who reads a note of each level, as the form's hints tell its writer (services/access/access_policy.h).
std::string_view ReadersHint(Sensitivity sensitivity) {
  switch (sensitivity) {
    case Sensitivity::kNormal: return "Everyone who works with this person can read it.";
    case Sensitivity::kHealth: return "Treatment and medical matters: only health and treatment agencies can read it.";
    case Sensitivity::kVictim: return "About a victim: only police and probation can read it.";
    case Sensitivity::kIntelligence: return "Intelligence: only police and probation can read it.";
  }
  return "";
}

ViewData NoteItem(const NoteView& note) {
  ViewData item;
  item.Set("id", note.id());
  if (note.restricted()) return item.Set("restricted", true).Set("summary", RestrictedSummary(note));
  // Each line of the note as a paragraph: the text keeps its line breaks without markup or inline styles.
  std::vector<ViewData> lines;
  std::string_view rest = *note.text();
  while (!rest.empty()) {
    const size_t end = rest.find('\n');
    const std::string_view line = Trim(rest.substr(0, end));
    if (!line.empty()) lines.push_back(ViewData().Set("text", line));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  return item.Set("restricted", false)
      .Set("level", LabelOf(note.sensitivity()))
      .Set("sensitive", note.sensitivity() != Sensitivity::kNormal)
      .Set("lines", std::move(lines))
      .Set("author", *note.author())
      .Set("agency", note.agency())
      .Set("when", FormatLondonDateTime(note.created_at()));
}

// The notes tab: the list, and the form (with what was typed and its problems after a failed post).
HttpResponse NotesPage(PageRequest& page, const CaseNotes& read, const FormFields& typed, const FieldProblems& errors,
                       int status) {
  ViewData data = PersonHeader(page, read.person, read.has_open_warrant, "/notes");
  std::vector<ViewData> items;
  for (const NoteView& note : read.notes) items.push_back(NoteItem(note));
  data.Set("has_notes", !items.empty()).Set("notes", std::move(items));
  data.Set("withheld", read.withheld > 0);
  data.Set("csv_href", fmt::format("/people/{}/notes.csv", read.person.id));
  data.Set("saved", page.query.Get("saved") == "1");
  if (!read.may_add.empty()) {
    // Standard is chosen unless the writer chose otherwise: a sensitive note is a decision, never a default.
    const std::string chosen =
        typed.Has("sensitivity") ? typed.Get("sensitivity") : std::string(CodeOf(Sensitivity::kNormal));
    std::vector<ViewData> levels;
    for (const Sensitivity sensitivity : read.may_add) {
      const std::string code(CodeOf(sensitivity));
      levels.push_back(ViewData()
                           .Set("id", levels.empty() ? std::string("sensitivity") : "sensitivity-" + code)
                           .Set("value", code)
                           .Set("label", LabelOf(sensitivity))
                           .Set("hint", ReadersHint(sensitivity))
                           .Set("checked", code == chosen));
    }
    ViewData form;
    form.Set("action", fmt::format("/people/{}/notes", read.person.id));
    form.Set("csrf_token", page.session->csrf_token);
    form.Set("text", typed.Get("text")).Set("levels", std::move(levels));
    form.Set("text_error", ErrorFor(errors, "text")).Set("sensitivity_error", ErrorFor(errors, "sensitivity"));
    data.Set("form", std::move(form));
  } else {
    data.Set("cannot_add", page.Can(Action::kAddNote));
  }
  return RenderPage(page, "Case notes: " + read.person.surname + ", " + read.person.forenames, "notes",
                    std::move(data), status, errors);
}

}  // namespace

HttpResponse NotesGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto read = page.app.notes.List(page.actor(), *id);
  if (!read.ok()) return PersonStatusPage(page, *id, Action::kViewNotes, read.status());
  return NotesPage(page, *read, FormFields{}, {}, 200);
}

HttpResponse NotesPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  std::optional<CaseNotes> shown;  // the notes as the call read them after bad input: no second read
  auto added = page.app.notes.Add(page.actor(), *id, page.form.Get("text"), page.form.Get("sensitivity"), &shown);
  if (added.ok()) return Redirect(fmt::format("/people/{}/notes?saved=1", *id));
  if (!shown || added.status().problems().empty()) return PersonStatusPage(page, *id, Action::kAddNote, added.status());
  return NotesPage(page, *shown, page.form, added.status().problems(), HttpStatusFor(added.status()));
}

HttpResponse NotesCsvGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto read = page.app.notes.Export(page.actor(), *id);
  if (!read.ok()) return PersonStatusPage(page, *id, Action::kViewNotes, read.status());
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"id", "created_at", "sensitivity", "agency", "author", "restricted", "text"});
  for (const NoteView& note : read->notes) {
    // A restricted row says the note exists, as the page does; its author and text are not in the view to write.
    csv.WriteRecord({std::to_string(note.id()), FormatIsoTimestamp(note.created_at()), CodeOf(note.sensitivity()),
                     note.agency(), note.author().value_or(""), note.restricted() ? "true" : "false",
                     note.text().value_or("")});
  }
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, out.str()};
  response.SetHeader("Content-Disposition", fmt::format("attachment; filename=\"openiom-notes-{}.csv\"", *id));
  return response;
}

}  // namespace openiom::web
