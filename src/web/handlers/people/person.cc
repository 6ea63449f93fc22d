// A person's record (summary, identifiers, offending history) and the forms to add or change a person.
#include <fmt/format.h>

#include "common/strings.h"
#include "domain/reference/reference_data.h"
#include "web/handlers/people/people.h"

namespace openiom::web {

namespace {

// Only a search on this site's people page may be a back link: nothing that could point elsewhere.
std::optional<std::string> SearchBack(const PageRequest& page) {
  const std::string back = page.query.Get("back");
  if (!back.starts_with("/people?") || back.find_first_of("\\\"<> ") != std::string::npos ||
      back.find("//") != std::string::npos) {
    return std::nullopt;
  }
  return back;
}

}  // namespace

std::string BackToSearch(const PageRequest& page) {
  return "back=" + UrlEncode(page.http.query.empty() ? "/people" : "/people?" + page.http.query);
}

ViewData PersonHeader(const PageRequest& page, const Person& person, bool has_open_warrant, std::string_view current,
                      std::string_view default_back) {
  const std::string base = fmt::format("/people/{}", person.id);
  const std::optional<std::string> back = SearchBack(page);
  const std::string keep = back ? "?back=" + UrlEncode(*back) : "";
  std::vector<ViewData> sections;
  for (auto [suffix, text] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"", "Summary"}, {"/case", "Case"}, {"/level", "Level"}, {"/plan", "Plan"}, {"/notes", "Notes"},
           {"/custody", "Custody"}, {"/referrals", "Referrals"}, {"/household", "Household"},
           {"/identifiers", "Identifiers"}, {"/history", "Offending history"}, {"/score", "Score"},
           {"/selection", "Selection"}}) {
    sections.push_back(
        ViewData().Set("href", base + std::string(suffix) + keep).Set("text", text).Set("current", suffix == current));
  }
  ViewData data;
  data.Set("back_href", back.value_or(std::string(default_back)));
  data.Set("id", person.id).Set("surname", person.surname).Set("forenames", person.forenames);
  data.Set("has_open_warrant", has_open_warrant);
  data.Set("sections", std::move(sections));
  return data;
}

ViewData EventItem(const Event& event) {
  std::string category;
  if (const OffenceCategory* found = OffenceCategoryCatalogue::BuiltIn().Find(event.offence_category)) {
    category = found->name;
  } else {
    category = event.offence_category;
  }
  ViewData item;
  item.Set("title", EventKindLabel(event.kind));
  item.Set("date", FormatLongDate(event.event_date));
  item.Set("iso_date", FormatIsoDate(event.event_date));
  item.Set("source", event.source_system);
  item.Set("category", category);
  if (event.offence_date && *event.offence_date != event.event_date) {
    item.Set("offence_date", FormatLongDate(*event.offence_date));
  }
  item.Set("outcome", EventOutcomeLabel(event.outcome));
  item.Set("lsoa", event.lsoa_code);
  return item;
}

namespace {

enum class Section { kSummary, kIdentifiers };

ViewData SummaryRows(const Person& person, Date today) {
  std::vector<ViewData> rows;
  auto row = [&](std::string_view key, std::string value) {
    rows.push_back(ViewData().Set("key", key).Set("value", value.empty() ? "Not recorded" : value));
  };
  row("Date of birth", person.date_of_birth ? DateOfBirthText(*person.date_of_birth, today) : "");
  row("Gender", std::string(GenderLabel(person.gender)));
  row("Ethnicity", person.ethnicity ? std::string(EthnicityLabel(*person.ethnicity)) : "");
  std::vector<std::string> aliases;
  for (const PersonName& alias : person.aliases) aliases.push_back(alias.Display());
  row("Other names", Join(aliases, "; "));
  std::vector<std::string> address;
  for (const std::string& part : {person.address.line, person.address.postcode, person.address.district}) {
    if (!part.empty()) address.push_back(part);
  }
  row("Address", Join(address, ", "));
  row("LSOA", person.address.lsoa_code);
  row("Record last changed", FormatLondonDateTime(person.updated_at) + " (version " + std::to_string(person.version) + ")");
  return ViewData().Set("rows", std::move(rows));
}

constexpr int kHistoryPageSize = 25;


// What the "Open warrant" tag stands for, and the custody dates that were only in the history: the summary's
// "Custody and warrants" rows, from the record's events (oldest first).
ViewData CustodyAndWarrants(const Person& person, const std::vector<Event>& events) {
  std::vector<ViewData> rows;
  auto row = [&](std::string key, std::vector<std::string> lines) {
    std::vector<ViewData> items;
    for (std::string& line : lines) items.push_back(ViewData().Set("text", std::move(line)));
    rows.push_back(ViewData().Set("key", std::move(key)).Set("lines", std::move(items)));
  };
  const std::vector<Event> warrants = OpenWarrants(events);
  if (warrants.empty()) row("Open warrant", {"None"});
  for (const Event& warrant : warrants) {
    std::vector<std::string> lines = {"Issued " + FormatLongDate(warrant.event_date),
                                      "Issued by " + warrant.source_system};
    if (!warrant.outcome.empty()) lines.push_back("Notes: " + std::string(EventOutcomeLabel(warrant.outcome)));
    row(warrants.size() == 1 ? "Open warrant" : "Open warrant issued " + FormatLongDate(warrant.event_date),
        std::move(lines));
  }
  auto latest = [&](EventKind kind) -> const Event* {
    for (auto it = events.rbegin(); it != events.rend(); ++it) {
      if (it->kind == kind) return &*it;
    }
    return nullptr;
  };
  for (auto [kind, key] : {std::pair{EventKind::kCustodyStart, "Latest custody started"},
                           std::pair{EventKind::kRelease, "Latest release from custody"}}) {
    const Event* event = latest(kind);
    row(key, {event ? FormatLongDate(event->event_date) + ", recorded by " + event->source_system : "None recorded"});
  }
  ViewData data;
  data.Set("rows", std::move(rows));
  data.Set("warrants_href", fmt::format("/people/{}/history?kind=warrant", person.id));
  return data;
}

// The history's filters as typed, with their problems.
struct HistoryFilters {
  std::string kind;
  DateInput from, to;
  HistoryQuery query;
  FieldProblems errors;
  bool any() const { return !kind.empty() || !from.empty() || !to.empty(); }
};

HistoryFilters ReadHistoryFilters(const FormFields& fields) {
  HistoryFilters filters{.kind = fields.Get("kind"),
                         .from = ReadDateInput(fields, "from"),
                         .to = ReadDateInput(fields, "to")};
  if (!filters.kind.empty()) {
    filters.query.kind = EventKindFromCode(filters.kind);
    if (!filters.query.kind) filters.errors.emplace_back("kind", "Select a kind of event from the list");
  }
  DateInputProblem(filters.from, "from", "Date from", false, filters.errors);
  DateInputProblem(filters.to, "to", "Date to", false, filters.errors);
  filters.query.from = filters.from.date;
  filters.query.to = filters.to.date;
  if (filters.query.from && filters.query.to && *filters.query.from > *filters.query.to) {
    filters.errors.emplace_back("to-day", "Date to must be the same as or after date from");
  }
  filters.query.page = PageNumber(fields.Get("page"));
  filters.query.page_size = kHistoryPageSize;
  return filters;
}

// GET /people/{id}/history: one page of the offending history, filtered by kind and date, newest first.
HttpResponse HistoryPage(PageRequest& page, PersonId id) {
  HistoryFilters filters = ReadHistoryFilters(page.query);
  // Filters with problems still read the record (audited, need-to-know) to show whose history it is; no events.
  const HistoryQuery query = filters.errors.empty() ? filters.query : HistoryQuery{.page_size = kHistoryPageSize};
  auto history = page.app.people.History(page.actor(), id, query);
  if (!history.ok()) return PersonStatusPage(page, id, Action::kViewPerson, history.status());
  ViewData data = PersonHeader(page, history->person, !history->open_warrants.empty(), "/history");
  const std::string path = fmt::format("/people/{}/history", id);
  ViewData section;
  section.Set("action", path).Set("clear_href", path).Set("filtered", filters.any());
  std::vector<ViewData> kinds = {
      ViewData().Set("value", "").Set("text", "All kinds").Set("selected", filters.kind.empty())};
  for (EventKind kind : kAllEventKinds) {
    kinds.push_back(ViewData()
                        .Set("value", EventKindCode(kind))
                        .Set("text", EventKindLabel(kind))
                        .Set("selected", filters.kind == EventKindCode(kind)));
  }
  section.Set("kinds", std::move(kinds)).Set("kind_error", ErrorFor(filters.errors, "kind"));
  section.Set("from", DateInputView("from", "Date from", "For example, 27 3 2019", filters.from, filters.errors));
  section.Set("to", DateInputView("to", "Date to", "For example, 27 3 2026", filters.to, filters.errors));
  if (filters.errors.empty()) {
    const EventPage& events = history->events;
    std::vector<ViewData> items;
    for (const Event& event : events.events) items.push_back(EventItem(event));
    const int64_t first = int64_t{query.page - 1} * query.page_size + 1;
    if (!items.empty()) {
      section.Set("showing", fmt::format("Showing {} to {} of {}", first,
                                         first + static_cast<int64_t>(items.size()) - 1,
                                         Plural(events.total, "event", "events")));
    } else if (events.total > 0) {
      section.Set("showing", fmt::format("There is no page {}: {} in all.", query.page,
                                         Plural(events.total, "event matches", "events match")));
    } else {
      section.Set("showing", filters.any() ? "No events match these filters." : "No events are recorded.");
    }
    section.Set("has_events", !items.empty());
    section.Set("events", std::move(items));
    if (auto pages = Pagination(path, page.query, query.page, events.total, query.page_size)) {
      section.Set("pagination", std::move(pages->Set("counted_above", true)));
    }
  }
  data.Set("history", std::move(section));
  return RenderPage(page, history->person.surname + ", " + history->person.forenames, "person", std::move(data),
                    filters.errors.empty() ? 200 : 400, filters.errors);
}

// The fields of the person form, in order, with the values to show and any errors.
struct PersonForm {
  std::string surname, forenames;
  DateInput date_of_birth;
  std::string gender = "U", ethnicity, address_line, postcode, lsoa_code,
      district, version = "0";
};

PersonForm FormFrom(const Person& person) {
  return {person.surname,
          person.forenames,
          ReadDateInput(ParseUrlEncoded(person.date_of_birth ? "date_of_birth=" + FormatIsoDate(*person.date_of_birth) : ""),
                        "date_of_birth"),
          std::string(GenderCode(person.gender)),
          person.ethnicity ? std::string(EthnicityCode(*person.ethnicity)) : "",
          person.address.line,
          person.address.postcode,
          person.address.lsoa_code,
          person.address.district,
          std::to_string(person.version)};
}

PersonForm FormFrom(const FormFields& form) {
  return {form.Get("surname"),     form.Get("forenames"), ReadDateInput(form, "date_of_birth"), form.Get("gender"),
          form.Get("ethnicity"),   form.Get("address_line"), form.Get("postcode"),  form.Get("lsoa_code"),
          form.Get("district"),    form.Get("version")};
}

// Reads the form into `person` (keeping its id, aliases and times); returns the problems found: the date input's
// own (a day that is not a number), then the domain's rules (PersonProblems) in the page's words, in form order.
FieldProblems ApplyForm(const PersonForm& form, Person& person, Date today) {
  person.surname = std::string(Trim(form.surname));
  person.forenames = std::string(Trim(form.forenames));
  person.date_of_birth = form.date_of_birth.date;
  person.gender = GenderFromCode(form.gender).value_or(Gender::kUnknown);
  person.ethnicity = form.ethnicity.empty() ? std::nullopt : EthnicityFromCode(form.ethnicity);
  person.address.line = std::string(Trim(form.address_line));
  person.address.postcode = AsciiUpper(Trim(form.postcode));
  person.address.lsoa_code = AsciiUpper(Trim(form.lsoa_code));
  person.address.district = form.district;
  person.version = IntOr(form.version, -1);
  FieldProblems date_input;
  DateInputProblem(form.date_of_birth, "date_of_birth", "Date of birth", false, date_input);
  FieldProblems errors;
  for (const FieldProblem& problem : PersonProblems(person, today)) {
    if (problem.field == "surname") {
      errors.push_back({"surname", person.surname.empty() ? "Enter a surname" : "Surname " + problem.message});
    } else if (problem.field == "forenames") {
      errors.push_back(
          {"forenames", person.forenames.empty() ? "Enter the forenames" : "Forenames " + problem.message});
    } else if (problem.field == "date_of_birth") {
      date_input.push_back({"date_of_birth-day", "Date of birth must be in the past"});
    } else if (problem.field == "lsoa_code") {
      errors.insert(errors.end(), date_input.begin(), date_input.end());
      date_input.clear();
      errors.push_back({"lsoa_code", "Enter an LSOA code like E01012000, or leave it blank"});
    }
  }
  errors.insert(errors.end(), date_input.begin(), date_input.end());
  return errors;
}

ViewData FormView(const PersonForm& form, const FieldProblems& errors) {
  std::vector<ViewData> fields;
  auto text = [&](std::string_view name, std::string_view label, const std::string& value, std::string_view hint,
                  std::string_view width, std::string_view autocomplete) {
    const std::string error = ErrorFor(errors, name);
    std::string described_by;
    if (!hint.empty()) described_by = std::string(name) + "-hint";
    if (!error.empty()) described_by += (described_by.empty() ? "" : " ") + std::string(name) + "-error";
    fields.push_back(ViewData()
                         .Set("name", name)
                         .Set("label", label)
                         .Set("value", value)
                         .Set("hint", hint)
                         .Set("width", width)
                         .Set("autocomplete", autocomplete)
                         .Set("error", error)
                         .Set("described_by", described_by));
  };
  auto select = [&](std::string_view name, std::string_view label, const std::string& value,
                    const std::vector<std::pair<std::string, std::string>>& choices) {
    std::vector<ViewData> options;
    for (const auto& [code, text_label] : choices) {
      options.push_back(ViewData().Set("value", code).Set("text", text_label).Set("selected", code == value));
    }
    fields.push_back(ViewData().Set("name", name).Set("label", label).Set("options", true).Set("choices", options));
  };
  text("surname", "Surname", form.surname, "", "govuk-!-width-two-thirds", "off");
  text("forenames", "Forenames", form.forenames, "", "govuk-!-width-two-thirds", "off");
  fields.push_back(DateInputView("date_of_birth", "Date of birth (optional)", "For example, 27 3 1990",
                                 form.date_of_birth, errors, true)
                       .Set("date", true));
  std::vector<std::pair<std::string, std::string>> genders;
  for (Gender gender : All<Gender>()) genders.emplace_back(CodeOf(gender), LabelOf(gender));
  select("gender", "Gender", form.gender, genders);
  std::vector<std::pair<std::string, std::string>> ethnicities = {{"", "Not recorded"}};
  for (Ethnicity ethnicity : All<Ethnicity>()) ethnicities.emplace_back(CodeOf(ethnicity), LabelOf(ethnicity));
  select("ethnicity", "Ethnicity (optional)", form.ethnicity, ethnicities);
  text("address_line", "Address (optional)", form.address_line, "", "", "off");
  text("postcode", "Postcode (optional)", form.postcode, "", "govuk-input--width-10", "off");
  text("lsoa_code", "LSOA code (optional)", form.lsoa_code, "The area of the address, for example E01012000",
       "govuk-input--width-10", "off");
  std::vector<std::pair<std::string, std::string>> districts = {{"", "Not recorded"}};
  for (const District& district : LsoaCatalogue::Cleveland().districts()) districts.emplace_back(district.name, district.name);
  select("district", "District (optional)", form.district, districts);
  ViewData data;
  data.Set("fields", std::move(fields));
  data.Set("version", form.version);
  return data;
}

HttpResponse FormPage(PageRequest& page, const PersonForm& form, const FieldProblems& errors, int status,
                      std::optional<PersonId> id) {
  ViewData data = FormView(form, errors);
  data.Set("heading", id ? "Change a person's details" : "Add a person");
  data.Set("action", id ? fmt::format("/people/{}/edit", *id) : "/people/new");
  data.Set("cancel_href", id ? fmt::format("/people/{}", *id) : "/people");
  data.Set("back_href", id ? fmt::format("/people/{}", *id) : "/people");
  return RenderPage(page, id ? "Change details" : "Add a person", "person_form", std::move(data), status, errors);
}

}  // namespace

HttpResponse PersonGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  // The history reads one page of events, not the whole record.
  if (page.http.path.ends_with("/history")) return HistoryPage(page, *id);
  auto record = page.app.people.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, record.status());
  const Section section = page.http.path.ends_with("/identifiers") ? Section::kIdentifiers : Section::kSummary;
  ViewData data = PersonHeader(page, record->person, HasOpenWarrant(record->events),
                               section == Section::kIdentifiers ? "/identifiers" : "");
  data.Set("updated", page.query.Get("saved") == "1");
  switch (section) {
    case Section::kSummary: {
      ViewData summary = SummaryRows(record->person, page.app.clock.Today());
      summary.Set("can_edit", page.Can(Action::kUpdatePerson));
      data.Set("summary", std::move(summary));
      data.Set("custody", CustodyAndWarrants(record->person, record->events));
      data.Set("can_edit", page.Can(Action::kUpdatePerson));
      break;
    }
    case Section::kIdentifiers: {
      std::vector<ViewData> identifiers;
      for (const Identifier& identifier : record->identifiers) {
        identifiers.push_back(
            ViewData().Set("label", IdentifierKindLabel(identifier.kind)).Set("value", identifier.value));
      }
      ViewData identifiers_section;
      identifiers_section.Set("has_identifiers", !identifiers.empty()).Set("identifiers", std::move(identifiers));
      data.Set("identifiers_section", std::move(identifiers_section));
      break;
    }
  }
  return RenderPage(page, record->person.surname + ", " + record->person.forenames, "person", std::move(data));
}

HttpResponse BreakGlassPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  const Status granted = page.app.people.BreakGlass(page.actor(), *id, page.form.Get("reason"));
  if (granted.ok()) return Redirect(PersonPageOr(*id, page.form.Get("next")));
  const FieldProblems& problems = granted.problems();
  if (problems.empty()) return StatusPage(page, granted);
  ViewData data;
  data.Set("person_id", *id).Set("reason", page.form.Get("reason")).Set("next", PersonPageOr(*id, page.form.Get("next")));
  data.Set("reason_error", ErrorFor(problems, "reason"));
  return RenderPage(page, "Your agency does not work with this person", "break_glass", std::move(data), 400, problems);
}

HttpResponse PersonNewGet(PageRequest& page) {
  if (auto refused = Refuse(page, Action::kCreatePerson, ObjectKind::kPerson, "")) return *refused;
  return FormPage(page, PersonForm{}, {}, 200, std::nullopt);
}

HttpResponse PersonNewPost(PageRequest& page) {
  const PersonForm form = FormFrom(page.form);
  Person person;
  FieldProblems errors = ApplyForm(form, person, page.app.clock.Today());
  if (!errors.empty()) return FormPage(page, form, errors, 400, std::nullopt);
  auto created = page.app.people.Create(page.actor(), person);
  if (!created.ok()) {
    if (created.status().code() == StatusCode::kInvalidArgument) {
      return FormPage(page, form, {{"surname", created.status().message()}}, 400, std::nullopt);
    }
    return StatusPage(page, created.status());
  }
  return Redirect(fmt::format("/people/{}?saved=1", created->person.id));
}

HttpResponse PersonEditGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kUpdatePerson, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto record = page.app.people.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, record.status());
  return FormPage(page, FormFrom(record->person), {}, 200, id);
}

HttpResponse PersonEditPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  const PersonForm form = FormFrom(page.form);
  Person edited;  // the form's fields, checked before anything is read or written
  FieldProblems errors = ApplyForm(form, edited, page.app.clock.Today());
  if (!errors.empty()) return FormPage(page, form, errors, 400, id);
  auto changed = page.app.people.Change(page.actor(), *id, edited.version, [&](Person& person) {
    person.surname = edited.surname;
    person.forenames = edited.forenames;
    person.date_of_birth = edited.date_of_birth;
    person.gender = edited.gender;
    person.ethnicity = edited.ethnicity;
    person.address = edited.address;
  });
  const Status& status = changed.status();
  if (status.code() == StatusCode::kStale) {
    // Show what is stored now, with its version: saving again must be a decision made seeing the other change,
    // never a click that silently writes over it.
    auto current = page.app.people.Get(page.actor(), *id);
    if (!current.ok()) return StatusPage(page, current.status());
    return FormPage(page, FormFrom(current->person),
                    {{"surname", "Someone else changed this record while you were editing it. The form now shows "
                                 "their version: make your changes again"}},
                    HttpStatusFor(status), id);
  }
  if (!status.ok()) return StatusPage(page, status);
  return Redirect(fmt::format("/people/{}?saved=1", *id));
}

}  // namespace openiom::web
