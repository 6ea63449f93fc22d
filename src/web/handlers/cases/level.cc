// A person's place on the IOM pyramid: the Level tab (service level and its history, the suggestion to move with
// its reasons and a manager's answer, statutory status, schemes) and the forms that move the level, record a status
// and put the person on a scheme or take them off.
#include <fmt/format.h>

#include <variant>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {

std::string SuggestionText(const LevelSuggestion& suggestion) {
  return fmt::format("Move {} to {}", suggestion.direction == LevelDirection::kUp ? "up" : "down",
                     LabelOf(suggestion.to));
}

namespace {

std::string StatusText(const StatutoryStatus& status) {
  std::string text(LabelOf(status.kind));
  text += " from " + FormatShortDate(status.starts_on);
  if (status.ends_on) text += " until " + FormatShortDate(*status.ends_on);
  return text;
}

ViewData SchemeRow(const SchemeMembership& s, Date today, bool can_record) {
  const bool current = SchemeCurrent(s, today);
  ViewData row;
  row.Set("id", s.id).Set("person_id", s.person_id).Set("version", static_cast<int64_t>(s.version));
  row.Set("scheme", LabelOf(s.scheme)).Set("code", CodeOf(s.scheme));
  row.Set("starts_on", FormatShortDate(s.starts_on));
  row.Set("ends_on", s.ends_on ? FormatShortDate(*s.ends_on) : "");
  row.Set("left", s.left_on             ? fmt::format("Taken off {} by {}", FormatShortDate(*s.left_on), s.left_by)
                  : current             ? std::string()
                  : s.starts_on > today ? std::string("Starts later")
                                        : std::string("Order ended"));
  row.Set("reason", s.reason).Set("added_by", s.added_by);
  row.Set("current", current).Set("can_leave", can_record && current);
  return row;
}

// The Level tab; `errors` are a manager's answer to the suggestion that was refused (shown on the tab's form).
HttpResponse LevelPage(PageRequest& page, const LevelView& view, const FormFields& answer, int status = 200,
                       const FieldProblems& errors = {}) {
  ViewData data = PersonHeader(page, view.person, view.open_warrant, "/level");
  const bool can_set = page.Can(Action::kSetLevel), can_record = page.Can(Action::kRecordSchemes);
  if (view.level) {
    data.Set("level", ViewData()
                          .Set("text", LabelOf(view.level->level))
                          .Set("number", LevelNumber(view.level->level))
                          .Set("since", FormatLongDate(view.level->on))
                          .Set("by", view.level->changed_by)
                          .Set("reason", view.level->reason));
  }
  if (view.suggestion) {
    std::vector<ViewData> reasons;
    for (const LevelReason& reason : view.suggestion->reasons) {
      reasons.push_back(
          ViewData().Set("rule", LabelOf(reason.rule)).Set("code", CodeOf(reason.rule)).Set("text", reason.text));
    }
    data.Set("suggestion",
             ViewData()
                 .Set("text", SuggestionText(*view.suggestion))
                 .Set("direction", CodeOf(view.suggestion->direction))
                 .Set("to", CodeOf(view.suggestion->to))
                 .Set("reasons", std::move(reasons))
                 .Set("can_decide", can_set)
                 .Set("decisions", Radios("decision", {{"accepted", "Accept the move"}, {"dismissed", "Dismiss it"}},
                                          answer.Get("decision")))
                 .Set("reason", answer.Get("reason"))
                 .Set("decision_error", ErrorFor(errors, "decision"))
                 .Set("reason_error", ErrorFor(errors, "reason"))
                 .Set("form_error", ErrorFor(errors, "form")));
  }
  std::vector<ViewData> history;
  for (auto change = view.history.rbegin(); change != view.history.rend(); ++change) {
    history.push_back(ViewData()
                          .Set("level", LabelOf(change->level))
                          .Set("on", FormatShortDate(change->on))
                          .Set("by", change->changed_by)
                          .Set("reason", change->reason));
  }
  data.Set("has_history", !history.empty()).Set("history", std::move(history));
  std::vector<ViewData> decisions;
  for (auto d = view.decisions.rbegin(); d != view.decisions.rend(); ++d) {
    decisions.push_back(
        ViewData()
            .Set("on", FormatShortDate(d->decided_on))
            .Set("what",
                 fmt::format("{} to level {}", d->direction == LevelDirection::kUp ? "Up" : "Down", LevelNumber(d->to)))
            .Set("decision", LabelOf(d->decision))
            .Set("by", d->decided_by)
            .Set("reason", d->reason));
  }
  data.Set("has_decisions", !decisions.empty()).Set("decisions", std::move(decisions));
  data.Set("status", view.status ? StatusText(*view.status) : "");
  std::vector<ViewData> statuses;
  for (auto s = view.statuses.rbegin(); s != view.statuses.rend(); ++s) {
    statuses.push_back(ViewData().Set("text", StatusText(*s)).Set("by", s->recorded_by));
  }
  data.Set("has_statuses", statuses.size() > 1).Set("statuses", std::move(statuses));
  std::vector<ViewData> current, past;
  for (const SchemeMembership& s : view.schemes) {
    (SchemeCurrent(s, view.today) ? current : past).push_back(SchemeRow(s, view.today, can_record));
  }
  data.Set("has_current_schemes", !current.empty()).Set("current_schemes", std::move(current));
  data.Set("has_past_schemes", !past.empty()).Set("past_schemes", std::move(past));
  data.Set("can_set", can_set).Set("can_record", can_record);
  data.Set("saved", page.query.Get("saved"));
  return RenderPage(page, view.person.surname + ", " + view.person.forenames + " — level", "level", std::move(data),
                    status, errors);
}

HttpResponse ChangeForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                        const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("levels", Radios("level", Choices<ServiceLevel>(), form.Get("level")));
  data.Set("reason", form.Get("reason"));
  data.Set("on_input", DateInputView("on", "From", "Leave empty for today. For example, 27 11 2026",
                                     ReadDateInput(form, "on"), errors));
  for (const char* field : {"level", "reason", "form"})
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  return RenderPage(page, "Change the service level", "level_change_form", std::move(data), status, errors);
}

HttpResponse SchemeForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                        const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("schemes", Radios("scheme", Choices<CaseScheme>(), form.Get("scheme")));
  data.Set("reason", form.Get("reason"));
  data.Set("starts_on_input", DateInputView("starts_on", "Starts on", "Leave empty for today. For example, 27 11 2026",
                                            ReadDateInput(form, "starts_on"), errors));
  data.Set("ends_on_input", DateInputView("ends_on", "Order ends on",
                                          "Required for a drug rehabilitation requirement and a serious crime "
                                          "prevention order; leave empty for the other schemes",
                                          ReadDateInput(form, "ends_on"), errors));
  for (const char* field : {"scheme", "reason", "form"})
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  return RenderPage(page, "Put on a scheme", "level_scheme_form", std::move(data), status, errors);
}

HttpResponse StatutoryForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                           const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("kinds", Radios("kind", Choices<StatutoryKind>(), form.Get("kind")));
  data.Set("starts_on_input", DateInputView("starts_on", "Starts on", "Leave empty for today. For example, 27 11 2026",
                                            ReadDateInput(form, "starts_on"), errors));
  data.Set("ends_on_input", DateInputView("ends_on", "Ends on",
                                          "The licence's, order's or supervision's end; leave empty for voluntary "
                                          "engagement",
                                          ReadDateInput(form, "ends_on"), errors));
  for (const char* field : {"kind", "form"}) data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  return RenderPage(page, "Record the statutory status", "level_status_form", std::move(data), status, errors);
}

// The person for a form page, read through the Level view (audited), or the page that says why not.
std::variant<LevelView, HttpResponse> ViewForForm(PageRequest& page, PersonId id, Action action) {
  if (auto refused = Refuse(page, action, ObjectKind::kPerson, std::to_string(id))) return *refused;
  auto view = page.app.levels.Level(page.actor(), id);
  if (!view.ok()) return PersonStatusPage(page, id, Action::kViewPerson, view.status());
  return std::move(*view);
}

}  // namespace

HttpResponse LevelGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = page.app.levels.Level(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return LevelPage(page, *view, {});
}

HttpResponse LevelDecisionPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  const LevelDecisionInput input{.direction = page.form.Get("direction"),
                                 .to = page.form.Get("to"),
                                 .decision = page.form.Get("decision"),
                                 .reason = page.form.Get("reason")};
  const Status decided = page.app.levels.Decide(page.actor(), *id, input);
  if (decided.ok()) return Redirect(fmt::format("/people/{}/level?saved={}", *id, UrlEncode(input.decision)));
  if (!IsFormProblem(decided)) return PersonStatusPage(page, *id, Action::kSetLevel, decided);
  // The tab again, as it now is (a changed suggestion is shown afresh), with the answer's problems on its form.
  auto view = page.app.levels.Level(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return LevelPage(page, *view, page.form, HttpStatusFor(decided), ErrorsFor(decided));
}

HttpResponse LevelChangeGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = ViewForForm(page, *id, Action::kSetLevel);
  if (auto* refused = std::get_if<HttpResponse>(&view)) return std::move(*refused);
  const LevelView& level = std::get<LevelView>(view);
  return ChangeForm(page, level.person,
                    ParseUrlEncoded(level.level ? "level=" + std::string(CodeOf(level.level->level)) : ""));
}

HttpResponse LevelChangePost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const LevelChangeInput input{.level = page.form.Get("level"),
                               .on = DateInputText(page.form, "on", "The day", input_errors),
                               .reason = page.form.Get("reason")};
  std::optional<Person> person;
  auto set = page.app.levels.SetLevel(page.actor(), *id, input, &person);
  if (set.ok()) return Redirect(fmt::format("/people/{}/level?saved=level", *id));
  if (!IsFormProblem(set.status())) return PersonStatusPage(page, *id, Action::kSetLevel, set.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return ChangeForm(page, *person, page.form, HttpStatusFor(set.status()),
                    FormErrors(input_errors, set.status(), {"on"}));
}

HttpResponse SchemeNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = ViewForForm(page, *id, Action::kRecordSchemes);
  if (auto* refused = std::get_if<HttpResponse>(&view)) return std::move(*refused);
  return SchemeForm(page, std::get<LevelView>(view).person, {});
}

HttpResponse SchemeNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const SchemeInput input{.scheme = page.form.Get("scheme"),
                          .starts_on = DateInputText(page.form, "starts_on", "The start", input_errors),
                          .ends_on = DateInputText(page.form, "ends_on", "The end", input_errors),
                          .reason = page.form.Get("reason")};
  std::optional<Person> person;
  auto added = page.app.levels.AddScheme(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/level?saved=scheme", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kRecordSchemes, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return SchemeForm(page, *person, page.form, HttpStatusFor(added.status()),
                    FormErrors(input_errors, added.status(), {"starts_on", "ends_on"}));
}

HttpResponse SchemeLeavePost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> scheme_id = page.http.IdParam("scheme_id");
  if (!id || !scheme_id) return ErrorPage(page, 404);
  const Status left = page.app.levels.LeaveScheme(page.actor(), *id, *scheme_id, IntOr(page.form.Get("version"), 0));
  if (left.ok()) return Redirect(fmt::format("/people/{}/level?saved=left", *id));
  // A stale version or a scheme already left: the error page says to reload the tab, which shows it as it is.
  return PersonStatusPage(page, *id, Action::kRecordSchemes, left);
}

HttpResponse StatutoryNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = ViewForForm(page, *id, Action::kRecordSchemes);
  if (auto* refused = std::get_if<HttpResponse>(&view)) return std::move(*refused);
  const LevelView& level = std::get<LevelView>(view);
  return StatutoryForm(page, level.person,
                       ParseUrlEncoded(level.status ? "kind=" + std::string(CodeOf(level.status->kind)) : ""));
}

HttpResponse StatutoryNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const StatutoryInput input{.kind = page.form.Get("kind"),
                             .starts_on = DateInputText(page.form, "starts_on", "The start", input_errors),
                             .ends_on = DateInputText(page.form, "ends_on", "The end", input_errors)};
  std::optional<Person> person;
  auto set = page.app.levels.SetStatutoryStatus(page.actor(), *id, input, &person);
  if (set.ok()) return Redirect(fmt::format("/people/{}/level?saved=status", *id));
  if (!IsFormProblem(set.status())) return PersonStatusPage(page, *id, Action::kRecordSchemes, set.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return StatutoryForm(page, *person, page.form, HttpStatusFor(set.status()),
                       FormErrors(input_errors, set.status(), {"starts_on", "ends_on"}));
}

}  // namespace openiom::web
