// A person's plan: support actions beside enforcement and disruption ("carrot and stick"), each with its pathway,
// owner, due date and status (Overdue worked out today), buttons to mark an action done or cancelled, the review
// date, and the forms that add an action and set the review date.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {
namespace {

// The status tag: Overdue is an open action past its due date, in red; done green, cancelled grey.
ViewData StatusTag(const PlanAction& action, Date today) {
  if (IsOverdue(action, today)) return ViewData().Set("label", "Overdue").Set("class", "govuk-tag--red");
  switch (action.status) {
    case PlanActionStatus::kOpen: return ViewData().Set("label", "Open").Set("class", "govuk-tag--blue");
    case PlanActionStatus::kDone: return ViewData().Set("label", "Done").Set("class", "govuk-tag--green");
    case PlanActionStatus::kCancelled: return ViewData().Set("label", "Cancelled").Set("class", "govuk-tag--grey");
  }
  return ViewData().Set("label", LabelOf(action.status)).Set("class", "govuk-tag--grey");
}

ViewData ActionView(const PlanAction& action, Date today, bool can_manage) {
  const bool open = action.status == PlanActionStatus::kOpen;
  ViewData view;
  view.Set("id", action.id).Set("person_id", action.person_id).Set("version", static_cast<int64_t>(action.version));
  view.Set("description", action.description).Set("kind", LabelOf(action.kind)).Set("kind_code", CodeOf(action.kind));
  view.Set("pathway", action.pathway ? std::string(LabelOf(*action.pathway)) : "");
  view.Set("owner", action.owner.empty() ? action.owner_agency : action.owner + " (" + action.owner_agency + ")");
  view.Set("due_on", FormatShortDate(action.due_on));
  view.Set("done_on", action.done_on ? "Done " + FormatShortDate(*action.done_on) : "");
  view.Set("status", StatusTag(action, today)).Set("overdue", IsOverdue(action, today));
  view.Set("can_close", can_manage && open).Set("can_reopen", can_manage && !open);
  return view;
}

HttpResponse ActionForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                        const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("kinds", Radios("kind", Choices<PlanActionKind>(), form.Get("kind")));
  std::vector<std::pair<std::string, std::string>> pathways = {{"", "None: an enforcement or disruption action"}};
  for (const auto& choice : Choices<Pathway>()) pathways.push_back(choice);
  data.Set("pathways", Radios("pathway", pathways, form.Get("pathway")));
  data.Set("description", form.Get("description"));
  std::vector<ViewData> agencies, users;
  if (auto owners = page.app.plans.Owners(page.actor()); owners.ok()) {
    for (const Agency& agency : owners->agencies) {
      agencies.push_back(ViewData()
                             .Set("id", agency.id)
                             .Set("name", agency.name)
                             .Set("selected", std::to_string(agency.id) == form.Get("owner_agency")));
    }
    for (const PlanOwner& owner : owners->users) {
      users.push_back(ViewData()
                          .Set("id", owner.user_id)
                          .Set("name", owner.name + " (" + owner.agency + ")")
                          .Set("selected", std::to_string(owner.user_id) == form.Get("owner_user")));
    }
  }
  data.Set("agencies", std::move(agencies)).Set("users", std::move(users));
  data.Set("due_on_input",
           DateInputView("due_on", "Due by", "For example, 27 1 2027", ReadDateInput(form, "due_on"), errors));
  for (const char* field : {"kind", "pathway", "description", "owner_agency", "owner_user", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("back_href", fmt::format("/people/{}/plan", person.id));
  return RenderPage(page, "Add an action to the plan", "plan_action_form", std::move(data), status, errors);
}

HttpResponse ReviewForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                        const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("review_on_input", DateInputView("review_on", "Review the plan on", "Today or later. For example, 27 1 2027",
                                            ReadDateInput(form, "review_on"), errors));
  data.Set("form_error", ErrorFor(errors, "form"));
  data.Set("back_href", fmt::format("/people/{}/plan", person.id));
  return RenderPage(page, "Set the plan's review date", "plan_review_form", std::move(data), status, errors);
}

// A date as the date input's fields: "due_on-day=3&due_on-month=2&due_on-year=2027".
std::string DateFields(std::string_view name, Date date) {
  const std::string iso = FormatIsoDate(date);
  return fmt::format("{0}-day={1}&{0}-month={2}&{0}-year={3}", name, std::stoi(iso.substr(8, 2)),
                     std::stoi(iso.substr(5, 2)), iso.substr(0, 4));
}

}  // namespace

HttpResponse PlanGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = page.app.plans.Plan(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  ViewData data = PersonHeader(page, view->person, view->open_warrant, "/plan");
  const bool can_manage = page.Can(Action::kManagePlan);
  std::vector<ViewData> support, sanctions;
  for (const PlanAction& action : view->actions) {
    (IsSanction(action.kind) ? sanctions : support).push_back(ActionView(action, view->today, can_manage));
  }
  data.Set("has_support", !support.empty()).Set("support", std::move(support));
  data.Set("has_sanctions", !sanctions.empty()).Set("sanctions", std::move(sanctions));
  data.Set("overdue", Plural(CountOverdue(view->actions, view->today), "action", "actions"));
  data.Set("any_overdue", CountOverdue(view->actions, view->today) > 0);
  if (view->review) {
    data.Set("review", ViewData()
                           .Set("on", FormatLongDate(view->review->review_on))
                           .Set("by", view->review->set_by)
                           .Set("due", ReviewDue(view->review->review_on, view->today)));
  }
  data.Set("can_manage", can_manage);
  data.Set("saved", page.query.Get("saved"));
  return RenderPage(page, view->person.surname + ", " + view->person.forenames + " — plan", "plan", std::move(data));
}

HttpResponse PlanActionNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManagePlan, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.plans.Plan(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  // The actor owns it unless they choose someone else; a fortnight is the usual time to the next contact.
  const std::string fields = fmt::format("kind=support&owner_user={}&{}", page.actor().user_id,
                                         DateFields("due_on", view->today + std::chrono::days(14)));
  return ActionForm(page, view->person, ParseUrlEncoded(fields));
}

HttpResponse PlanActionNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const PlanActionInput input{.kind = page.form.Get("kind"),
                              .pathway = page.form.Get("pathway"),
                              .description = page.form.Get("description"),
                              .owner_agency_id = page.form.Get("owner_agency"),
                              .owner_user_id = page.form.Get("owner_user"),
                              .due_on = DateInputIso(page.form, "due_on", "The due date", input_errors)};
  std::optional<Person> person;
  auto added = page.app.plans.AddAction(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/plan?saved=action", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kManagePlan, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return ActionForm(page, *person, page.form, HttpStatusFor(added.status()),
                    FormErrors(input_errors, added.status(), "due_on"));
}

HttpResponse PlanActionStatusPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> action_id = page.http.IdParam("action_id");
  if (!id || !action_id) return ErrorPage(page, 404);
  const int version = IntOr(page.form.Get("version"), 0);
  const Status changed =
      page.app.plans.SetActionStatus(page.actor(), *id, *action_id, version, {.status = page.form.Get("status")});
  if (changed.ok()) return Redirect(fmt::format("/people/{}/plan?saved={}", *id, UrlEncode(page.form.Get("status"))));
  // A stale version or an action already closed: the error page says to reload the plan, which shows it as it is.
  return PersonStatusPage(page, *id, Action::kManagePlan, changed);
}

HttpResponse PlanReviewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManagePlan, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.plans.Plan(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  // A plan is reviewed about every three months; a date set before is shown to change.
  const Date on = view->review && !ReviewDue(view->review->review_on, view->today)
                      ? view->review->review_on
                      : view->today + std::chrono::days(91);
  return ReviewForm(page, view->person, ParseUrlEncoded(DateFields("review_on", on)));
}

HttpResponse PlanReviewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const std::string review_on = DateInputIso(page.form, "review_on", "The review date", input_errors);
  std::optional<Person> person;
  const Status set = page.app.plans.SetReviewDate(page.actor(), *id, review_on, &person);
  if (set.ok()) return Redirect(fmt::format("/people/{}/plan?saved=review", *id));
  if (!IsFormProblem(set)) return PersonStatusPage(page, *id, Action::kManagePlan, set);
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return ReviewForm(page, *person, page.form, HttpStatusFor(set), FormErrors(input_errors, set, "review_on"));
}

}  // namespace openiom::web
