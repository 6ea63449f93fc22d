// A person's household and relationships: the household's address and current members with their BRAG, the links
// to other people (from this person's side: "Child of") with the BRAG of connected cohort members, the people at the
// same recorded address who could be added, and the forms that add and end links and stays. A connected person the
// reader may not view is a row without name or rating (HouseholdService decides and audits).
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {
namespace {

constexpr std::string_view kHiddenPerson = "A connected person you have no involvement with";

// A connected person's cells: their name linking to their record, cohort and rating; or the hidden row.
ViewData ConnectedView(const ConnectedPerson& person) {
  ViewData view;
  view.Set("hidden", person.hidden).Set("hidden_text", kHiddenPerson);
  if (person.hidden) return view;
  view.Set("person_id", person.person_id).Set("name", person.surname + ", " + person.forenames);
  view.Set("in_cohort", person.in_cohort);
  if (person.rating) {
    view.Set("rating", ViewData()
                           .Set("label", LabelOf(person.rating->Shown()))
                           .Set("class", RatingClass(person.rating->Shown()))
                           .Set("provisional", person.rating->provisional));
  }
  return view;
}

// What a date input gives the service: its day, "" when left empty (the service then takes today), or text that is
// not a day when the input could not be read, so that the service refuses it and shows the form again itself
// (recording that once) rather than taking today.
std::string Typed(const std::string& iso, const FieldProblems& input_errors) {
  return input_errors.empty() ? iso : "unreadable";
}

// A date as the date input's fields: "from-day=3&from-month=2&from-year=2027".
std::string DateFields(std::string_view name, Date date) {
  const std::string iso = FormatIsoDate(date);
  return fmt::format("{0}-day={1}&{0}-month={2}&{0}-year={3}", name, std::stoi(iso.substr(8, 2)),
                     std::stoi(iso.substr(5, 2)), iso.substr(0, 4));
}

HttpResponse RelationshipForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                              const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  std::vector<std::pair<std::string, std::string>> kinds;
  for (const auto& [code, label] : Choices<RelationshipKind>()) {
    kinds.emplace_back(code, label);
    if (code == CodeOf(RelationshipKind::kParentOf)) kinds.emplace_back(std::string(kChildOfCode), "Child of");
  }
  data.Set("kinds", Radios("kind", kinds, form.Get("kind")));
  data.Set("other_person", form.Get("other_person")).Set("source", form.Get("source")).Set("notes", form.Get("notes"));
  data.Set("from_input", DateInputView("from", "Since", "For example, 27 3 2024", ReadDateInput(form, "from"), errors));
  for (const char* field : {"kind", "other_person", "source", "notes", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("back_href", fmt::format("/people/{}/household", person.id));
  return RenderPage(page, "Add a relationship", "relationship_form", std::move(data), status, errors);
}

HttpResponse HouseholdForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                           const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("address_line", form.Get("address_line")).Set("postcode", form.Get("postcode"));
  data.Set("household", form.Get("household"));
  data.Set("from_input", DateInputView("from", "Living there since", "For example, 27 3 2024",
                                       ReadDateInput(form, "from"), errors));
  for (const char* field : {"address_line", "postcode", "household", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("back_href", fmt::format("/people/{}/household", person.id));
  return RenderPage(page, "Add to a household", "household_form", std::move(data), status, errors);
}

// The form that ends a link or a stay: `what` names it, `action` is where it posts.
HttpResponse EndForm(PageRequest& page, const Person& person, std::string_view what, const std::string& action,
                     int version, const FormFields& form, int status = 200, const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("what", what).Set("action", action).Set("version", static_cast<int64_t>(version));
  data.Set("until_input", DateInputView("until", "Ended on", "Today or before. For example, 27 3 2026",
                                        ReadDateInput(form, "until"), errors));
  data.Set("form_error", ErrorFor(errors, "form"));
  data.Set("back_href", fmt::format("/people/{}/household", person.id));
  return RenderPage(page, fmt::format("End the {}", what), "household_end_form", std::move(data), status, errors);
}

}  // namespace

ViewData HouseholdSummary(const HouseholdView& view) {
  ViewData summary;
  summary.Set("person_id", view.person.id);
  summary.Set("address", view.household ? view.household->address_line + ", " + view.household->postcode
                                        : std::string("Not recorded as living in a household"));
  std::vector<ViewData> connected;
  int hidden = 0;
  const auto add = [&](const ConnectedPerson& person, std::string how) {
    if (person.hidden) {
      ++hidden;
    } else if (person.in_cohort) {
      connected.push_back(ConnectedView(person).Set("how", std::move(how)));
    }
  };
  for (const HouseholdMemberRow& row : view.members) {
    if (!row.is_viewed) add(row.person, "Lives in the household");
  }
  for (const RelationshipRow& row : view.relationships) {
    if (row.relationship.Current()) add(row.other, "This person is: " + row.role);
  }
  summary.Set("has_connected", !connected.empty()).Set("connected", std::move(connected));
  summary.Set("hidden", hidden > 0 ? Plural(hidden, "connected person", "connected people") + " you have no "
                                                                                           "involvement with"
                                   : "");
  return summary;
}

HttpResponse HouseholdGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = page.app.households.Household(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  ViewData data = PersonHeader(page, view->person, view->open_warrant, "/household");
  const bool can_manage = page.Can(Action::kManageRelationships);
  if (view->household) {
    std::vector<ViewData> members;
    for (const HouseholdMemberRow& row : view->members) {
      members.push_back(ConnectedView(row.person)
                            .Set("is_viewed", row.is_viewed)
                            .Set("from", FormatShortDate(row.member.from)));
    }
    ViewData household;
    household.Set("id", view->household->id)
        .Set("address_line", view->household->address_line)
        .Set("postcode", view->household->postcode)
        .Set("members", std::move(members));
    if (view->own_stay) {
      household.Set("stay_id", view->own_stay->id).Set("stay_version", static_cast<int64_t>(view->own_stay->version));
    }
    data.Set("household", std::move(household));
  }
  std::vector<ViewData> relationships;
  for (const RelationshipRow& row : view->relationships) {
    const Relationship& link = row.relationship;
    relationships.push_back(ConnectedView(row.other)
                                .Set("id", link.id)
                                .Set("role", row.role)
                                .Set("from", FormatShortDate(link.from))
                                .Set("until", link.until ? FormatShortDate(*link.until) : "")
                                .Set("current", link.Current())
                                .Set("source", link.source)
                                .Set("notes", link.notes)
                                .Set("can_end", can_manage && link.Current()));
  }
  data.Set("has_relationships", !relationships.empty()).Set("relationships", std::move(relationships));
  std::vector<ViewData> suggestions;
  for (const ConnectedPerson& person : view->also_at_address) suggestions.push_back(ConnectedView(person));
  data.Set("has_suggestions", !suggestions.empty()).Set("suggestions", std::move(suggestions));
  data.Set("record_address", view->person.address.line.empty()
                                 ? std::string("No address on the record")
                                 : view->person.address.line + ", " + view->person.address.postcode);
  data.Set("viewed_id", view->person.id);  // sections below have ids of their own
  if (view->household) data.Set("household_id", view->household->id);
  data.Set("can_manage", can_manage).Set("can_add_member", can_manage && view->household.has_value());
  data.Set("saved", page.query.Get("saved"));
  return RenderPage(page, view->person.surname + ", " + view->person.forenames + " — household", "household",
                    std::move(data));
}

HttpResponse RelationshipNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManageRelationships, ObjectKind::kPerson, std::to_string(*id))) {
    return *refused;
  }
  auto view = page.app.households.Household(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return RelationshipForm(page, view->person, ParseUrlEncoded(DateFields("from", view->today)));
}

HttpResponse RelationshipNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const RelationshipInput input{.kind = page.form.Get("kind"),
                                .other_person_id = page.form.Get("other_person"),
                                .from = Typed(DateInputIso(page.form, "from", "The start date", input_errors),
                                              input_errors),
                                .source = page.form.Get("source"),
                                .notes = page.form.Get("notes")};
  std::optional<Person> person;
  auto added = page.app.households.AddRelationship(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/household?saved=relationship", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kManageRelationships, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return RelationshipForm(page, *person, page.form, HttpStatusFor(added.status()),
                          FormErrors(input_errors, added.status(), "from"));
}

HttpResponse RelationshipEndGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> link_id = page.http.IdParam("relationship_id");
  if (!id || !link_id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManageRelationships, ObjectKind::kPerson, std::to_string(*id))) {
    return *refused;
  }
  auto view = page.app.households.Household(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  for (const RelationshipRow& row : view->relationships) {
    if (row.relationship.id != *link_id || !row.relationship.Current()) continue;
    return EndForm(page, view->person, "relationship", fmt::format("/people/{}/relationships/{}/end", *id, *link_id),
                   row.relationship.version, ParseUrlEncoded(DateFields("until", view->today)));
  }
  return ErrorPage(page, 404);
}

HttpResponse RelationshipEndPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> link_id = page.http.IdParam("relationship_id");
  if (!id || !link_id) return ErrorPage(page, 404);
  const int version = IntOr(page.form.Get("version"), 0);
  FieldProblems input_errors;
  const std::string until = Typed(DateInputIso(page.form, "until", "The end date", input_errors), input_errors);
  std::optional<Person> person;
  const Status ended = page.app.households.EndRelationship(page.actor(), *id, *link_id, version, until, &person);
  if (ended.ok()) return Redirect(fmt::format("/people/{}/household?saved=ended", *id));
  if (!IsFormProblem(ended) || ended.code() == StatusCode::kStale || ended.code() == StatusCode::kFailedPrecondition) {
    // A stale version or a link already ended: the error page says to reload, which shows it as it is.
    return PersonStatusPage(page, *id, Action::kManageRelationships, ended);
  }
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return EndForm(page, *person, "relationship", fmt::format("/people/{}/relationships/{}/end", *id, *link_id), version,
                 page.form, HttpStatusFor(ended), FormErrors(input_errors, ended, "until"));
}

HttpResponse HouseholdNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManageRelationships, ObjectKind::kPerson, std::to_string(*id))) {
    return *refused;
  }
  auto view = page.app.households.Household(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  // A new household starts at the address on the record, which is where the person is known to live.
  const std::string fields = fmt::format("address_line={}&postcode={}&{}", UrlEncode(view->person.address.line),
                                         UrlEncode(view->person.address.postcode), DateFields("from", view->today));
  return HouseholdForm(page, view->person, ParseUrlEncoded(fields));
}

HttpResponse HouseholdNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const HouseholdInput input{.household_id = page.form.Get("household"),
                             .address_line = page.form.Get("address_line"),
                             .postcode = page.form.Get("postcode"),
                             .from = Typed(DateInputIso(page.form, "from", "The start date", input_errors),
                                           input_errors)};
  std::optional<Person> person;
  auto joined = page.app.households.JoinHousehold(page.actor(), *id, input, &person);
  if (joined.ok()) return Redirect(fmt::format("/people/{}/household?saved=household", *id));
  if (!IsFormProblem(joined.status())) return PersonStatusPage(page, *id, Action::kManageRelationships, joined.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return HouseholdForm(page, *person, page.form, HttpStatusFor(joined.status()),
                       FormErrors(input_errors, joined.status(), "from"));
}

HttpResponse HouseholdAddPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  const std::optional<int64_t> member = ParseInt64(page.form.Get("member"));
  if (!member) return ErrorPage(page, 400, "Choose who to add from the list");
  // The suggested person joins from today; their own record is the one changed, so a refusal is about them.
  const auto joined =
      page.app.households.JoinHousehold(page.actor(), *member, {.household_id = page.form.Get("household")});
  if (joined.ok()) return Redirect(fmt::format("/people/{}/household?saved=member", *id));
  return PersonStatusPage(page, *member, Action::kManageRelationships, joined.status());
}

HttpResponse HouseholdEndGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> stay_id = page.http.IdParam("stay_id");
  if (!id || !stay_id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManageRelationships, ObjectKind::kPerson, std::to_string(*id))) {
    return *refused;
  }
  auto view = page.app.households.Household(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  if (!view->own_stay || view->own_stay->id != *stay_id) return ErrorPage(page, 404);
  return EndForm(page, view->person, "stay in the household", fmt::format("/people/{}/household/{}/end", *id, *stay_id),
                 view->own_stay->version, ParseUrlEncoded(DateFields("until", view->today)));
}

HttpResponse HouseholdEndPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> stay_id = page.http.IdParam("stay_id");
  if (!id || !stay_id) return ErrorPage(page, 404);
  const int version = IntOr(page.form.Get("version"), 0);
  FieldProblems input_errors;
  const std::string until = Typed(DateInputIso(page.form, "until", "The end date", input_errors), input_errors);
  std::optional<Person> person;
  const Status ended = page.app.households.LeaveHousehold(page.actor(), *id, *stay_id, version, until, &person);
  if (ended.ok()) return Redirect(fmt::format("/people/{}/household?saved=left", *id));
  if (!IsFormProblem(ended) || ended.code() == StatusCode::kStale || ended.code() == StatusCode::kFailedPrecondition) {
    return PersonStatusPage(page, *id, Action::kManageRelationships, ended);
  }
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return EndForm(page, *person, "stay in the household", fmt::format("/people/{}/household/{}/end", *id, *stay_id),
                 version, page.form, HttpStatusFor(ended), FormErrors(input_errors, ended, "until"));
}

}  // namespace openiom::web
