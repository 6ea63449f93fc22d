// A person's record (summary, identifiers, offending history) and the forms to add or change a person.
#include <fmt/format.h>

#include "common/strings.h"
#include "domain/reference_data.h"
#include "web/handlers/handlers.h"

namespace openiom::web {

std::optional<int64_t> IdParam(const PageRequest& page) {
  const std::optional<int64_t> id = ParseInt64(page.http.path_params.at("id"));
  if (!id || *id <= 0) return std::nullopt;
  return *id;
}

ViewData PersonHeader(const Person& person, bool has_open_warrant, std::string_view current) {
  const std::string base = fmt::format("/people/{}", person.id);
  std::vector<ViewData> sections;
  for (auto [suffix, text] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
           {"", "Summary"}, {"/identifiers", "Identifiers"}, {"/history", "Offending history"}, {"/score", "Score"},
           {"/selection", "Selection"}}) {
    sections.push_back(
        ViewData().Set("href", base + std::string(suffix)).Set("text", text).Set("current", suffix == current));
  }
  ViewData data;
  data.Set("id", person.id).Set("surname", person.surname).Set("forenames", person.forenames);
  data.Set("has_open_warrant", has_open_warrant);
  data.Set("sections", std::move(sections));
  return data;
}

namespace {

enum class Section { kSummary, kIdentifiers, kHistory };

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

ViewData History(const PersonRecord& record) {
  std::vector<ViewData> events;
  for (auto it = record.events.rbegin(); it != record.events.rend(); ++it) {
    const Event& event = *it;
    std::string category;
    if (const OffenceCategory* found = OffenceCategoryCatalogue::BuiltIn().Find(event.offence_category)) {
      category = found->name;
    } else {
      category = event.offence_category;
    }
    ViewData item;
    item.Set("title", EventKindLabel(event.kind));
    item.Set("date", FormatIsoDate(event.event_date));
    item.Set("source", event.source_system);
    item.Set("category", category);
    if (event.offence_date && *event.offence_date != event.event_date) {
      item.Set("offence_date", FormatIsoDate(*event.offence_date));
    }
    item.Set("outcome", event.outcome);
    item.Set("lsoa", event.lsoa_code);
    events.push_back(std::move(item));
  }
  return ViewData().Set("events", std::move(events)).Set("event_count", static_cast<int64_t>(record.events.size()));
}

// The fields of the person form, in order, with the values to show and any errors.
struct PersonForm {
  std::string surname, forenames, date_of_birth, gender = "U", ethnicity, address_line, postcode, lsoa_code,
      district, version = "0";
};

PersonForm FormFrom(const Person& person) {
  return {person.surname,
          person.forenames,
          person.date_of_birth ? FormatIsoDate(*person.date_of_birth) : "",
          std::string(GenderCode(person.gender)),
          person.ethnicity ? std::string(EthnicityCode(*person.ethnicity)) : "",
          person.address.line,
          person.address.postcode,
          person.address.lsoa_code,
          person.address.district,
          std::to_string(person.version)};
}

PersonForm FormFrom(const FormFields& form) {
  return {form.Get("surname"),     form.Get("forenames"), form.Get("date_of_birth"), form.Get("gender"),
          form.Get("ethnicity"),   form.Get("address_line"), form.Get("postcode"),  form.Get("lsoa_code"),
          form.Get("district"),    form.Get("version")};
}

// Reads the form into `person` (keeping its id, aliases and times); returns the problems found.
FieldErrors ApplyForm(const PersonForm& form, Person& person, Date today) {
  FieldErrors errors;
  person.surname = std::string(Trim(form.surname));
  person.forenames = std::string(Trim(form.forenames));
  if (Status status = ValidatePersonName("surname", person.surname); !status.ok()) {
    errors.emplace_back("surname", person.surname.empty() ? "Enter a surname" : "Surname " + status.message().substr(9));
  }
  if (Status status = ValidatePersonName("forenames", person.forenames); !status.ok()) {
    errors.emplace_back("forenames",
                        person.forenames.empty() ? "Enter the forenames" : "Forenames " + status.message().substr(11));
  }
  person.date_of_birth.reset();
  if (!Trim(form.date_of_birth).empty()) {
    auto date = ParseIsoDate(Trim(form.date_of_birth));
    if (!date.ok()) {
      errors.emplace_back("date_of_birth", "Enter the date of birth as year-month-day, for example 1990-01-27");
    } else if (*date > today) {
      errors.emplace_back("date_of_birth", "Date of birth must be in the past");
    } else {
      person.date_of_birth = *date;
    }
  }
  person.gender = GenderFromCode(form.gender).value_or(Gender::kUnknown);
  person.ethnicity = form.ethnicity.empty() ? std::nullopt : EthnicityFromCode(form.ethnicity);
  person.address.line = std::string(Trim(form.address_line));
  person.address.postcode = AsciiUpper(Trim(form.postcode));
  person.address.lsoa_code = AsciiUpper(Trim(form.lsoa_code));
  if (!person.address.lsoa_code.empty() && !IsLsoaCode(person.address.lsoa_code)) {
    errors.emplace_back("lsoa_code", "Enter an LSOA code like E01012000, or leave it blank");
  }
  person.address.district = form.district;
  person.version = IntOr(form.version, -1);
  return errors;
}

ViewData FormView(const PersonForm& form, const FieldErrors& errors) {
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
  text("date_of_birth", "Date of birth (optional)", form.date_of_birth, "For example, 1990-01-27",
       "govuk-input--width-10", "off");
  select("gender", "Gender", form.gender, {{"M", "Male"}, {"F", "Female"}, {"X", "Other"}, {"U", "Not known"}});
  std::vector<std::pair<std::string, std::string>> ethnicities = {{"", "Not recorded"}};
  for (int index = 0; index < kEthnicityCount; ++index) {
    const auto ethnicity = static_cast<Ethnicity>(index);
    ethnicities.emplace_back(EthnicityCode(ethnicity), EthnicityLabel(ethnicity));
  }
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

HttpResponse FormPage(PageRequest& page, const PersonForm& form, const FieldErrors& errors, int status,
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
  const std::optional<PersonId> id = IdParam(page);
  if (!id) return ErrorPage(page, 404);
  auto record = page.app.people.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, record.status());
  const std::string& path = page.http.path;
  const Section section = path.ends_with("/identifiers") ? Section::kIdentifiers
                          : path.ends_with("/history")   ? Section::kHistory
                                                         : Section::kSummary;
  ViewData data = PersonHeader(record->person, HasOpenWarrant(record->events),
                               section == Section::kIdentifiers ? "/identifiers"
                               : section == Section::kHistory   ? "/history"
                                                                : "");
  data.Set("updated", page.query.Get("saved") == "1");
  switch (section) {
    case Section::kSummary: {
      ViewData summary = SummaryRows(record->person, page.app.clock.Today());
      summary.Set("can_edit", page.Can(Action::kUpdatePerson));
      data.Set("summary", std::move(summary));
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
    case Section::kHistory: data.Set("history", History(*record)); break;
  }
  data.Set("back_href", "/people");
  return RenderPage(page, record->person.surname + ", " + record->person.forenames, "person", std::move(data));
}

HttpResponse BreakGlassPost(PageRequest& page) {
  const std::optional<PersonId> id = IdParam(page);
  if (!id) return ErrorPage(page, 404);
  FieldProblems problems;
  auto granted = page.app.people.BreakGlass(page.actor(), *id, page.form.Get("reason"), problems);
  if (granted.ok()) return Redirect(PersonPageOr(*id, page.form.Get("next")));
  if (problems.empty()) return StatusPage(page, granted.status());
  ViewData data;
  data.Set("person_id", *id).Set("reason", page.form.Get("reason")).Set("next", PersonPageOr(*id, page.form.Get("next")));
  data.Set("reason_error", ErrorFor(problems, "reason"));
  return RenderPage(page, "Your agency does not work with this person", "break_glass", std::move(data), 400, problems);
}

HttpResponse PersonNewGet(PageRequest& page) {
  if (auto refused = Refuse(page, Action::kCreatePerson, "person", "")) return *refused;
  return FormPage(page, PersonForm{}, {}, 200, std::nullopt);
}

HttpResponse PersonNewPost(PageRequest& page) {
  const PersonForm form = FormFrom(page.form);
  Person person;
  FieldErrors errors = ApplyForm(form, person, page.app.clock.Today());
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
  const std::optional<PersonId> id = IdParam(page);
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kUpdatePerson, "person", std::to_string(*id))) return *refused;
  auto record = page.app.people.Get(page.actor(), *id);
  if (!record.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, record.status());
  return FormPage(page, FormFrom(record->person), {}, 200, id);
}

HttpResponse PersonEditPost(PageRequest& page) {
  const std::optional<PersonId> id = IdParam(page);
  if (!id) return ErrorPage(page, 404);
  const PersonForm form = FormFrom(page.form);
  Person edited;  // the form's fields, checked before anything is read or written
  FieldErrors errors = ApplyForm(form, edited, page.app.clock.Today());
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
  if (status.code() == StatusCode::kFailedPrecondition || status.code() == StatusCode::kConflict) {
    // Show what is stored now, with its version: saving again must be a decision made seeing the other change,
    // never a click that silently writes over it.
    auto current = page.app.people.Get(page.actor(), *id);
    if (!current.ok()) return StatusPage(page, current.status());
    return FormPage(page, FormFrom(current->person),
                    {{"surname", "Someone else changed this record while you were editing it. The form now shows "
                                 "their version: make your changes again"}},
                    409, id);
  }
  if (!status.ok()) return StatusPage(page, status);
  return Redirect(fmt::format("/people/{}?saved=1", *id));
}

}  // namespace openiom::web
