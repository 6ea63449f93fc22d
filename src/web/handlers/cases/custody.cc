// Custody and Through-the-Gate in the web app: the Custody tab of a person's record (episodes, the countdown to
// release, the resettlement checklist), the forms to record and change an episode and to mark a checklist item, and
// the releases due in the next 28 days for the prison liaison.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "common/csv.h"
#include "common/strings.h"
#include "services/access/use_case.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {
namespace {

// The episode form's date fields, in the order of the form, with their labels and hints.
struct DateField {
  std::string_view name, label, hint;
};
constexpr DateField kEpisodeDates[] = {
    {"started_on", "Date custody started", "For example, 2 3 2026"},
    {"expected_release_on", "Expected release date", "Leave blank if not known yet. The checklist is due before it."},
    {"released_on", "Date released", "Only once the person has been released."},
    {"recalled_on", "Date recalled to custody", "If the person was recalled while on licence from this sentence."},
    {"licence_end_on", "Licence end date", "Leave blank if not known."},
};

std::optional<int64_t> PathId(const PageRequest& page, const std::string& name) {
  const auto found = page.http.path_params.find(name);
  if (found == page.http.path_params.end()) return std::nullopt;
  const std::optional<int64_t> id = ParseInt64(found->second);
  if (!id || *id <= 0) return std::nullopt;
  return id;
}

// "Release in 12 days — Friday 18 December 2026", or what there is instead of a countdown.
std::string CountdownText(const CustodyEpisode& episode, Date today) {
  if (episode.released_on) return "Released on " + FormatDayAndDate(*episode.released_on);
  const std::optional<int> days = ReleaseCountdown(episode, today);
  if (!days) return "No release date expected yet";
  const std::string on = FormatDayAndDate(*episode.expected_release_on);
  if (*days > 1) return fmt::format("Release in {} days — {}", *days, on);
  if (*days == 1) return "Release tomorrow — " + on;
  if (*days == 0) return "Release today — " + on;
  return fmt::format("Release was expected {} — {}; no release is recorded",
                     *days == -1 ? std::string("yesterday") : fmt::format("{} days ago", -*days), on);
}

std::string OptionalLongDate(const std::optional<Date>& date, std::string_view none = "Not recorded") {
  return date ? FormatLongDate(*date) : std::string(none);
}

ViewData ItemView(const CustodyChecklistItem& item, const CustodyEpisode& episode, Date today) {
  ViewData view;
  view.Set("id", item.id).Set("version", static_cast<int64_t>(item.version));
  view.Set("label", LabelOf(item.item)).Set("code", CodeOf(item.item));
  view.Set("href", fmt::format("/people/{}/custody/{}/checklist/{}", episode.person_id, episode.id, item.id));
  view.Set("due", item.due_on ? "Due " + FormatLongDate(*item.due_on) : std::string("Due when a release date is set"));
  view.Set("open", item.state == ChecklistState::kOpen);
  view.Set("overdue", IsOverdue(item, today));
  view.Set("state", LabelOf(item.state));
  if (item.state != ChecklistState::kOpen) {
    view.Set("completed", fmt::format("{} {} by {}", LabelOf(item.state), OptionalLongDate(item.completed_on, ""),
                                      item.completed_by));
  }
  view.Set("note", item.note);
  return view;
}

ViewData EpisodeView(const CustodyEpisodeView& view, Date today, bool can_record, bool can_update) {
  const CustodyEpisode& e = view.episode;
  ViewData data;
  data.Set("id", e.id).Set("person_id", e.person_id);
  data.Set("establishment", e.establishment);
  data.Set("title", fmt::format("{} from {}", e.establishment, FormatLongDate(e.started_on)));
  data.Set("in_custody", InCustody(e));
  data.Set("countdown", CountdownText(e, today));
  data.Set("friday", InCustody(e) && e.expected_release_on && IsFridayRelease(*e.expected_release_on));
  const std::optional<int> days = ReleaseCountdown(e, today);
  data.Set("release_passed", days && *days < 0);
  std::vector<ViewData> rows;
  auto row = [&](std::string_view key, std::string value) {
    rows.push_back(ViewData().Set("key", key).Set("value", value.empty() ? "Not recorded" : value));
  };
  row("Establishment", e.establishment);
  row("Custody started", FormatLongDate(e.started_on));
  row("Sentence", e.sentence);
  row("Expected release", OptionalLongDate(e.expected_release_on));
  row("Released", OptionalLongDate(e.released_on, "Not yet"));
  if (e.recalled_on) row("Recalled", FormatLongDate(*e.recalled_on));
  row("Licence ends", OptionalLongDate(e.licence_end_on));
  row("Recorded by", e.recorded_by);
  data.Set("rows", std::move(rows));
  std::vector<ViewData> items;
  int open = 0, overdue = 0;
  for (const CustodyChecklistItem& item : view.checklist) {
    ViewData item_view = ItemView(item, e, today);
    item_view.Set("can_update", can_update && item.state == ChecklistState::kOpen);
    open += item.state == ChecklistState::kOpen ? 1 : 0;
    overdue += IsOverdue(item, today) ? 1 : 0;
    items.push_back(std::move(item_view));
  }
  data.Set("has_checklist", !items.empty()).Set("checklist", std::move(items));
  data.Set("checklist_summary", fmt::format("{} of {} done{}", view.checklist.size() - open, view.checklist.size(),
                                            overdue > 0 ? fmt::format(", {} overdue", overdue) : ""));
  data.Set("can_record", can_record);
  data.Set("edit_href", fmt::format("/people/{}/custody/{}/edit", e.person_id, e.id));
  return data;
}

// The episode form: what was typed (or the episode's fields), its problems, and where it posts.
HttpResponse EpisodeForm(PageRequest& page, const Person& person, const FormFields& typed, const std::string& action,
                         std::string_view title, std::optional<int> version, int status = 200,
                         const FieldProblems& errors = {}) {
  ViewData data;
  data.Set("person_id", person.id).Set("name", person.surname + ", " + person.forenames);
  data.Set("title", title).Set("action", action);
  data.Set("editing", version.has_value());
  if (version) data.Set("version", static_cast<int64_t>(*version));
  data.Set("establishment", typed.Get("establishment")).Set("sentence", typed.Get("sentence"));
  for (const char* field : {"establishment", "sentence", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  std::vector<ViewData> dates;
  for (const DateField& field : kEpisodeDates) {
    // A recall follows a release, so it is recorded by changing the episode; a new one may carry a past release.
    if (!version && field.name == "recalled_on") continue;
    dates.push_back(ViewData().Set("input", DateInputView(field.name, field.label, field.hint,
                                                          ReadDateInput(typed, field.name), errors)));
  }
  data.Set("dates", std::move(dates));
  data.Set("back_href", fmt::format("/people/{}/custody", person.id));
  return RenderPage(page, title, "custody_episode_form", std::move(data), status, errors);
}

// The form fields of a stored episode, to fill in the change form.
FormFields EpisodeFields(const CustodyEpisode& e) {
  std::vector<std::pair<std::string, std::string>> fields = {{"establishment", e.establishment},
                                                             {"sentence", e.sentence},
                                                             {"started_on", FormatIsoDate(e.started_on)}};
  for (const auto& [name, date] : {std::pair{"expected_release_on", e.expected_release_on},
                                   std::pair{"released_on", e.released_on}, std::pair{"recalled_on", e.recalled_on},
                                   std::pair{"licence_end_on", e.licence_end_on}}) {
    if (date) fields.emplace_back(name, FormatIsoDate(*date));
  }
  return FormFields(std::move(fields));
}

// The episode the form describes, with the problems of dates that cannot be read (passed on as unreadable, so the
// service refuses them too and reports every other field's problems with them).
CustodyEpisodeInput ReadEpisodeForm(const FormFields& form, FieldProblems& date_errors) {
  CustodyEpisodeInput input{.establishment = form.Get("establishment"), .sentence = form.Get("sentence")};
  for (const DateField& field : kEpisodeDates) {
    const std::string iso = DateInputText(form, field.name, field.label, date_errors);
    if (field.name == "started_on") input.started_on = iso;
    if (field.name == "expected_release_on") input.expected_release_on = iso;
    if (field.name == "released_on") input.released_on = iso;
    if (field.name == "recalled_on") input.recalled_on = iso;
    if (field.name == "licence_end_on") input.licence_end_on = iso;
  }
  return input;
}

// The form's errors: the date inputs' own first, then the service's (on each date input's first part).
FieldProblems EpisodeErrors(const FieldProblems& date_errors, const Status& status) {
  return FormErrors(date_errors, status,
                    {"started_on", "expected_release_on", "released_on", "recalled_on", "licence_end_on"});
}

HttpResponse ItemForm(PageRequest& page, const ChecklistItemView& view, const FormFields& typed, int status = 200,
                      const FieldProblems& errors = {}) {
  const Date today = page.app.clock.Today();
  ViewData data = ItemView(view.item, view.episode, today);
  data.Set("person_id", view.person.id).Set("name", view.person.surname + ", " + view.person.forenames);
  data.Set("episode", fmt::format("{} from {}", view.episode.establishment, FormatLongDate(view.episode.started_on)));
  data.Set("countdown", CountdownText(view.episode, today));
  const std::string state = typed.Get("state");
  data.Set("state_done", state == CodeOf(ChecklistState::kDone));
  data.Set("state_not_applicable", state == CodeOf(ChecklistState::kNotApplicable));
  data.Set("note_value", typed.Get("note"));
  const bool has_date = typed.Has("completed_on-day") || typed.Has("completed_on");
  const FormFields defaults = ParseUrlEncoded("completed_on=" + FormatIsoDate(today));
  data.Set("date_input", DateInputView("completed_on", "Date", "For example, 27 11 2026",
                                       ReadDateInput(has_date ? typed : defaults, "completed_on"), errors));
  for (const char* field : {"state", "note", "form"}) data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  data.Set("back_href", fmt::format("/people/{}/custody", view.person.id));
  return RenderPage(page, std::string(LabelOf(view.item.item)), "custody_item", std::move(data), status, errors);
}

}  // namespace

HttpResponse CustodyGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto record = page.app.custody.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewCustody, record.status());
  const Date today = page.app.clock.Today();
  ViewData data = PersonHeader(page, record->person, record->has_open_warrant, "/custody");
  const bool can_record = page.Can(Action::kRecordCustody), can_update = page.Can(Action::kUpdateChecklist);
  std::vector<ViewData> episodes;
  for (const CustodyEpisodeView& view : record->episodes) {
    episodes.push_back(EpisodeView(view, today, can_record, can_update));
  }
  data.Set("has_episodes", !episodes.empty()).Set("episodes", std::move(episodes));
  data.Set("can_record", can_record).Set("ppo", record->is_ppo);
  data.Set("new_href", fmt::format("/people/{}/custody/new", *id));
  const std::string saved = page.query.Get("saved");
  data.Set("saved", saved == "created"   ? "Custody episode recorded. Its resettlement checklist is below."
                    : saved == "changed" ? "Custody episode saved."
                    : saved == "item"    ? "Checklist updated."
                                         : "");
  return RenderPage(page, record->person.surname + ", " + record->person.forenames + " — custody", "custody",
                    std::move(data));
}

HttpResponse CustodyNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordCustody, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto record = page.app.custody.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewCustody, record.status());
  return EpisodeForm(page, record->person, FormFields{}, fmt::format("/people/{}/custody/new", *id),
                     "Record a custody episode", std::nullopt);
}

HttpResponse CustodyNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems date_errors;
  const CustodyEpisodeInput input = ReadEpisodeForm(page.form, date_errors);
  const std::string action = fmt::format("/people/{}/custody/new", *id);
  std::optional<Person> shown;  // as the call read them, for the form shown again without another audited read
  // A date that could not be read is refused by the service too (nothing is recorded on a date not understood),
  // which reports the other fields' problems with it.
  const Result<CustodyEpisodeView> created = page.app.custody.Create(page.actor(), *id, input, &shown);
  if (created.ok()) return Redirect(fmt::format("/people/{}/custody?saved=created", *id));
  if (!ShownAgainAfter(created.status())) return PersonStatusPage(page, *id, Action::kRecordCustody, created.status());
  if (!shown) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return EpisodeForm(page, *shown, page.form, action, "Record a custody episode", std::nullopt,
                     HttpStatusFor(created.status()), EpisodeErrors(date_errors, created.status()));
}

HttpResponse CustodyEditGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(page, "episode");
  if (!id || !episode_id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordCustody, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto record = page.app.custody.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewCustody, record.status());
  for (const CustodyEpisodeView& view : record->episodes) {
    if (view.episode.id != *episode_id) continue;
    return EpisodeForm(page, record->person, EpisodeFields(view.episode),
                       fmt::format("/people/{}/custody/{}/edit", *id, *episode_id), "Change a custody episode",
                       view.episode.version);
  }
  return ErrorPage(page, 404);
}

HttpResponse CustodyEditPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(page, "episode");
  if (!id || !episode_id) return ErrorPage(page, 404);
  const int version = IntOr(page.form.Get("version"), 0);
  FieldProblems date_errors;
  const CustodyEpisodeInput input = ReadEpisodeForm(page.form, date_errors);
  const std::string action = fmt::format("/people/{}/custody/{}/edit", *id, *episode_id);
  std::optional<Person> shown;
  // An unreadable date must not clear the stored one: the service refuses it, with the other fields' problems.
  const Result<CustodyEpisodeView> changed =
      page.app.custody.Update(page.actor(), *id, *episode_id, version, input, &shown);
  if (changed.ok()) return Redirect(fmt::format("/people/{}/custody?saved=changed", *id));
  if (!ShownAgainAfter(changed.status())) return PersonStatusPage(page, *id, Action::kRecordCustody, changed.status());
  if (!shown) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return EpisodeForm(page, *shown, page.form, action, "Change a custody episode", version,
                     HttpStatusFor(changed.status()), EpisodeErrors(date_errors, changed.status()));
}

HttpResponse ChecklistItemGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(page, "episode");
  const std::optional<int64_t> item_id = PathId(page, "item");
  if (!id || !episode_id || !item_id) return ErrorPage(page, 404);
  auto record = page.app.custody.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewCustody, record.status());
  for (const CustodyEpisodeView& view : record->episodes) {
    if (view.episode.id != *episode_id) continue;
    for (const CustodyChecklistItem& item : view.checklist) {
      if (item.id == *item_id) return ItemForm(page, {record->person, view.episode, item}, FormFields{});
    }
  }
  return ErrorPage(page, 404);
}

HttpResponse ChecklistItemPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> episode_id = PathId(page, "episode");
  const std::optional<int64_t> item_id = PathId(page, "item");
  if (!id || !episode_id || !item_id) return ErrorPage(page, 404);
  FieldProblems date_errors;
  const std::string on = DateInputIso(page.form, "completed_on", "The date", date_errors);
  std::optional<ChecklistItemView> shown;
  const Result<CustodyChecklistItem> saved =
      page.app.custody.UpdateItem(page.actor(), *id, *episode_id, *item_id, IntOr(page.form.Get("version"), 0),
                                  {.state = page.form.Get("state"), .completed_on = on, .note = page.form.Get("note")},
                                  &shown);
  if (saved.ok()) return Redirect(fmt::format("/people/{}/custody?saved=item", *id));
  if (!ShownAgainAfter(saved.status())) return PersonStatusPage(page, *id, Action::kUpdateChecklist, saved.status());
  if (!shown) return StatusPage(page, Status::NotFound("no such checklist item"));
  // The date's own problem ("must include a month") says more than the service's "Enter the date".
  FieldProblems errors = date_errors;
  for (const FieldProblem& problem : OnDateInputs(ErrorsFor(saved.status()), {"completed_on"})) {
    if (ErrorFor(errors, problem.field).empty()) errors.push_back(problem);
  }
  return ItemForm(page, *shown, page.form, HttpStatusFor(saved.status()), errors);
}

namespace {

enum class ReleasesSort { kRelease, kName, kOpen };

ReleasesSort SortOf(std::string_view text) {
  if (text == "name") return ReleasesSort::kName;
  if (text == "open") return ReleasesSort::kOpen;
  return ReleasesSort::kRelease;
}

void Sort(std::vector<ReleaseDueView>& rows, ReleasesSort sort) {
  // Ties keep the service's order (soonest release, then name).
  std::stable_sort(rows.begin(), rows.end(), [&](const ReleaseDueView& a, const ReleaseDueView& b) {
    switch (sort) {
      case ReleasesSort::kName: return NameKey(a.surname, a.forenames) < NameKey(b.surname, b.forenames);
      case ReleasesSort::kOpen: return a.open_items > b.open_items;
      case ReleasesSort::kRelease: return a.countdown < b.countdown;
    }
    return false;
  });
}

}  // namespace

HttpResponse ReleasesGet(PageRequest& page) {
  auto releases = page.app.custody.ReleasesDue(page.actor());
  if (!releases.ok()) return StatusPage(page, releases.status());
  const ReleasesSort sort = SortOf(page.query.Get("sort"));
  Sort(*releases, sort);
  std::vector<ViewData> rows;
  int fridays = 0;
  for (const ReleaseDueView& row : *releases) {
    fridays += row.friday ? 1 : 0;
    rows.push_back(ViewData()
                       .Set("person_id", row.episode.person_id)
                       .Set("name", row.surname + ", " + row.forenames)
                       .Set("establishment", row.episode.establishment)
                       .Set("release", FormatDayAndDate(*row.episode.expected_release_on))
                       .Set("iso_release", FormatIsoDate(*row.episode.expected_release_on))
                       .Set("countdown", row.countdown == 0   ? std::string("Today")
                                         : row.countdown == 1 ? std::string("1 day")
                                                              : fmt::format("{} days", row.countdown))
                       .Set("countdown_days", row.countdown)
                       .Set("friday", row.friday)
                       .Set("open_items", row.open_items)
                       .Set("overdue_items", row.overdue_items)
                       .Set("has_overdue", row.overdue_items > 0));
  }
  ViewData data;
  data.Set("days", kReleasesDueDays);
  data.Set("total_text", Plural(static_cast<int64_t>(rows.size()), "person is", "people are"));
  data.Set("has_fridays", fridays > 0).Set("fridays_text", Plural(fridays, "release is", "releases are"));
  data.Set("has_rows", !rows.empty()).Set("rows", std::move(rows));
  // Sorted on the server, so the table sorts without JavaScript: each header links to its order.
  const auto header = [&](std::string_view key, std::string_view text, ReleasesSort by) {
    return ViewData()
        .Set("href", fmt::format("/releases?sort={}", key))
        .Set("text", text)
        .Set("sorted", sort == by)
        .Set("aria_sort", sort == by ? (by == ReleasesSort::kOpen ? "descending" : "ascending") : "none");
  };
  data.Set("sort_name", header("name", "Person", ReleasesSort::kName));
  data.Set("sort_release", header("release", "Expected release", ReleasesSort::kRelease));
  data.Set("sort_open", header("open", "Checklist items open", ReleasesSort::kOpen));
  data.Set("csv_href", "/releases.csv?sort=" + std::string(page.query.Get("sort").empty() ? "release"
                                                                                          : page.query.Get("sort")));
  return RenderPage(page, "Releases in the next 28 days", "custody_releases", std::move(data));
}

HttpResponse ReleasesCsvGet(PageRequest& page) {
  auto releases = page.app.custody.ReleasesDue(page.actor());
  if (!releases.ok()) return StatusPage(page, releases.status());
  Sort(*releases, SortOf(page.query.Get("sort")));
  std::ostringstream out;
  CsvWriter csv(out, CsvWriter::Mode::kSpreadsheetSafe);
  csv.WriteRecord({"person_id", "surname", "forenames", "establishment", "expected_release_on", "days_to_release",
                   "friday_release", "checklist_open", "checklist_overdue"});
  for (const ReleaseDueView& row : *releases) {
    csv.WriteRecord({std::to_string(row.episode.person_id), row.surname, row.forenames, row.episode.establishment,
                     FormatIsoDate(*row.episode.expected_release_on), std::to_string(row.countdown),
                     row.friday ? "yes" : "no", std::to_string(row.open_items), std::to_string(row.overdue_items)});
  }
  HttpResponse response{200, {{"Content-Type", "text/csv; charset=utf-8"}}, out.str()};
  response.SetHeader("Content-Disposition", "attachment; filename=\"openiom-releases.csv\"");
  return response;
}

}  // namespace openiom::web
