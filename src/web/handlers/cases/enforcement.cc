// The non-compliance workflow on the Case tab: the steps due (a warning, breach action or a recall request for each
// unacceptable failure no step answers), the steps taken with what came of them, and the forms that record a step
// and its outcome.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {
namespace {

std::string StepLabel(EnforcementKind kind) {
  switch (kind) {
    case EnforcementKind::kWarning: return "Give a warning";
    case EnforcementKind::kBreach: return "Start breach action";
    case EnforcementKind::kRecallRequest: return "Request recall";
  }
  return std::string(LabelOf(kind));
}

// The unacceptable failures a step may answer, as the form's choices, newest first.
std::vector<ViewData> FailureChoices(const std::vector<Contact>& contacts, const std::string& selected) {
  std::vector<ViewData> choices;
  for (auto c = contacts.rbegin(); c != contacts.rend(); ++c) {
    if (c->outcome != ContactOutcome::kFailedUnacceptable) continue;
    choices.push_back(
        ViewData()
            .Set("id", c->id)
            .Set("text", fmt::format("{}: {} with {}", FormatShortDate(c->on), LabelOf(c->kind), c->agency))
            .Set("selected", std::to_string(c->id) == selected));
  }
  return choices;
}

HttpResponse StepForm(PageRequest& page, const CaseView& view, const FormFields& form, int status = 200,
                      const FieldProblems& errors = {}) {
  ViewData data = FormHeading(view.person);
  data.Set("kinds", Radios("kind", Choices<EnforcementKind>(), form.Get("kind")));
  data.Set("failures", FailureChoices(view.contacts, form.Get("contact")));
  data.Set("reason", form.Get("reason"));
  data.Set("on_input", DateInputView("on", "Taken on", "Leave empty for today. For example, 27 11 2026",
                                     ReadDateInput(form, "on"), errors));
  for (const char* field : {"kind", "contact", "reason", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  return RenderPage(page, "Record an enforcement step", "enforcement_form", std::move(data), status, errors);
}

HttpResponse OutcomeForm(PageRequest& page, const Person& person, const EnforcementStep& step, const FormFields& form,
                         int status = 200, const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  std::vector<std::pair<std::string, std::string>> outcomes;
  for (EnforcementOutcome outcome : OutcomesFor(step.kind)) outcomes.emplace_back(CodeOf(outcome), LabelOf(outcome));
  data.Set("step_id", step.id).Set("version", static_cast<int64_t>(step.version));
  data.Set("step", fmt::format("{} on {} by {} ({}): {}", LabelOf(step.kind), FormatLongDate(step.on), step.recorded_by,
                               step.agency, step.reason));
  data.Set("outcomes", Radios("outcome", outcomes, form.Get("outcome")));
  data.Set("outcome_on_input",
           DateInputView("outcome_on", "Decided on", "Leave empty for today. For example, 27 11 2026",
                         ReadDateInput(form, "outcome_on"), errors));
  data.Set("outcome_error", ErrorFor(errors, "outcome")).Set("form_error", ErrorFor(errors, "form"));
  return RenderPage(page, "Record what came of it", "enforcement_outcome_form", std::move(data), status, errors);
}

}  // namespace

ViewData EnforcementSection(const PageRequest& page, const CaseView& view) {
  const bool can_record = page.Can(Action::kRecordEnforcement);
  std::vector<ViewData> due;
  for (const EnforcementDue& d : view.enforcement_due) {
    due.push_back(ViewData()
                      .Set("text", d.text)
                      .Set("failed_on", FormatShortDate(d.failed_on))
                      .Set("kind", LabelOf(d.kind))
                      .Set("kind_code", CodeOf(d.kind))
                      .Set("action", StepLabel(d.kind))
                      .Set("href", fmt::format("/people/{}/enforcement/new?kind={}&contact={}", view.person.id,
                                               CodeOf(d.kind), d.contact_id))
                      .Set("can_record", can_record));
  }
  std::vector<ViewData> steps;
  for (auto s = view.enforcement.rbegin(); s != view.enforcement.rend(); ++s) {
    const bool awaiting = s->kind != EnforcementKind::kWarning && !s->outcome;
    steps.push_back(
        ViewData()
            .Set("id", s->id)
            .Set("person_id", view.person.id)
            .Set("kind", LabelOf(s->kind))
            .Set("kind_code", CodeOf(s->kind))
            .Set("on", FormatShortDate(s->on))
            .Set("by", s->recorded_by + " (" + s->agency + ")")
            .Set("reason", s->reason)
            .Set("outcome", s->outcome ? fmt::format("{} on {}", LabelOf(*s->outcome), FormatShortDate(*s->outcome_on))
                                       : std::string())
            .Set("awaiting", awaiting)
            .Set("can_record", can_record && awaiting));
  }
  return ViewData()
      .Set("person_id", view.person.id)
      .Set("has_due", !due.empty())
      .Set("due", std::move(due))
      .Set("has_steps", !steps.empty())
      .Set("steps", std::move(steps))
      .Set("can_record", can_record);
}

HttpResponse EnforcementNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordEnforcement, ObjectKind::kPerson, std::to_string(*id))) {
    return *refused;
  }
  auto view = page.app.cases.Case(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  // From a due step's button: its kind and failure chosen already.
  const std::string kind = Parse<EnforcementKind>(page.query.Get("kind")) ? page.query.Get("kind") : "warning";
  return StepForm(page, *view,
                  ParseUrlEncoded(fmt::format("kind={}&contact={}", kind, UrlEncode(page.query.Get("contact")))));
}

HttpResponse EnforcementNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const EnforcementInput input{.kind = page.form.Get("kind"),
                               .contact_id = page.form.Get("contact"),
                               .on = DateInputText(page.form, "on", "The day", input_errors),
                               .reason = page.form.Get("reason")};
  auto added = page.app.enforcement.AddStep(page.actor(), *id, input);
  if (added.ok()) return Redirect(fmt::format("/people/{}/case?saved=enforcement#enforcement", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kRecordEnforcement, added.status());
  // The form again, with the failures as they now are.
  auto view = page.app.cases.Case(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return StepForm(page, *view, page.form, HttpStatusFor(added.status()),
                  FormErrors(input_errors, added.status(), {"on"}));
}

HttpResponse EnforcementStepGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> step_id = page.http.IdParam("step_id");
  if (!id || !step_id) return ErrorPage(page, 404);
  std::optional<Person> person;
  auto step = page.app.enforcement.Step(page.actor(), *id, *step_id, &person);
  if (!step.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, step.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return OutcomeForm(page, *person, *step, {});
}

HttpResponse EnforcementStepPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> step_id = page.http.IdParam("step_id");
  if (!id || !step_id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const EnforcementOutcomeInput input{.outcome = page.form.Get("outcome"),
                                      .on = DateInputText(page.form, "outcome_on", "The day", input_errors)};
  const Status status =
      page.app.enforcement.RecordOutcome(page.actor(), *id, *step_id, IntOr(page.form.Get("version"), 0), input);
  if (status.ok()) return Redirect(fmt::format("/people/{}/case?saved=outcome#enforcement", *id));
  if (!IsFormProblem(status)) return PersonStatusPage(page, *id, Action::kRecordEnforcement, status);
  std::optional<Person> person;
  auto step = page.app.enforcement.Step(page.actor(), *id, *step_id, &person);
  if (!step.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, step.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return OutcomeForm(page, *person, *step, page.form, HttpStatusFor(status),
                     FormErrors(input_errors, status, {"outcome_on"}));
}

}  // namespace openiom::web
