// A person's case: the BRAG rating with the rules that fired and the facts behind them, overrides and their
// sign-off, compliance and contacts, pathway assessments, and the forms that add to them.
#include <algorithm>

#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {

std::string_view RatingClass(BragRating rating) {
  switch (rating) {
    case BragRating::kBlue: return "govuk-tag--blue";
    case BragRating::kRed: return "govuk-tag--red";
    case BragRating::kAmber: return "govuk-tag--orange";
    case BragRating::kGreen: return "govuk-tag--green";
  }
  return "govuk-tag--grey";
}

std::string WantedFor(const std::vector<Event>& open_warrants, const std::vector<Event>& open_recalls) {
  std::vector<std::string> parts;
  for (const auto* events : {&open_warrants, &open_recalls}) {
    for (const Event& event : *events) {
      parts.push_back(std::string(EventKindLabel(event.kind)) + " on " + FormatLongDate(event.event_date));
    }
  }
  return Join(parts, "; ");
}

// A failed post's errors: the date inputs' own problems (a month that is not one) first, then the service's, whose
// problems with a date are shown on its input's first part unless the input already has a problem of its own.
FieldProblems FormErrors(const FieldProblems& input_errors, const Status& status,
                         std::initializer_list<std::string_view> date_fields) {
  FieldProblems errors = input_errors;
  for (FieldProblem& problem : OnDateInputs(ErrorsFor(status), date_fields)) {
    const std::string input = problem.field.ends_with("-day") ? problem.field.substr(0, problem.field.size() - 4) : "";
    const bool input_has_own =
        !input.empty() && std::any_of(input_errors.begin(), input_errors.end(),
                                      [&](const FieldProblem& p) { return p.field.starts_with(input + "-"); });
    if (!input_has_own) errors.push_back(std::move(problem));
  }
  return errors;
}

FieldProblems FormErrors(const FieldProblems& input_errors, const Status& status, std::string_view date_field) {
  return FormErrors(input_errors, status, {date_field});
}

// The caption and heading of a person's form page, from the person the service read.
ViewData FormHeading(const Person& person) {
  return ViewData().Set("person_id", person.id).Set("name", person.surname + ", " + person.forenames);
}

namespace {

ViewData RatingTag(BragRating rating) {
  return ViewData().Set("label", LabelOf(rating)).Set("class", RatingClass(rating));
}

std::string_view NeedClass(NeedLevel level) {
  switch (level) {
    case NeedLevel::kNone: return "govuk-tag--green";
    case NeedLevel::kSome: return "govuk-tag--yellow";
    case NeedLevel::kSignificant: return "govuk-tag--red";
  }
  return "govuk-tag--grey";
}

std::string RateText(const ComplianceRate& rate) {
  if (!rate.Percent()) return "No appointments with an outcome";
  return fmt::format("{:.0f}% ({} of {} complied{})", *rate.Percent(), rate.complied, rate.counted,
                     rate.unacceptable > 0 ? fmt::format(", {} failed unacceptably", rate.unacceptable) : "");
}

ViewData OverrideView(const BragOverride& o, int version, const PageRequest& page, PersonId person_id) {
  ViewData view = RatingTag(o.rating);
  view.Set("id", o.id).Set("version", static_cast<int64_t>(version));
  view.Set("justification", o.justification).Set("requested_by", o.requested_by).Set("approved_by", o.approved_by);
  view.Set("starts_on", FormatLongDate(o.starts_on)).Set("expires_on", FormatLongDate(o.expires_on));
  view.Set("person_id", person_id);
  const bool open = !o.ended_on && o.expires_on > page.app.clock.Today();
  view.Set("can_sign_off", open && o.approved_by.empty() && page.Can(Action::kSignOffOverride));
  view.Set("can_withdraw", open && page.Can(o.approved_by.empty() ? Action::kRequestOverride : Action::kSignOffOverride));
  return view;
}

std::string ContactWhen(const Contact& contact) {
  return FormatShortDate(contact.on) + (contact.time.empty() ? "" : " " + contact.time);
}

}  // namespace

HttpResponse CaseGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = page.app.cases.Case(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  const BragAssessment& rating = view->rating;
  ViewData data = PersonHeader(page, view->person, !view->open_warrants.empty(), "/case");

  ViewData brag = RatingTag(rating.Shown());
  brag.Set("provisional", rating.provisional);
  brag.Set("as_of", FormatLongDate(rating.as_of));
  brag.Set("computed_label", LabelOf(rating.computed)).Set("computed_class", RatingClass(rating.computed));
  std::vector<ViewData> reasons;
  for (const BragReason& reason : rating.reasons) {
    ViewData row = RatingTag(RatingOf(reason.rule));
    reasons.push_back(row.Set("rule", LabelOf(reason.rule)).Set("code", CodeOf(reason.rule)).Set("text", reason.text));
  }
  brag.Set("has_reasons", !reasons.empty()).Set("reasons", std::move(reasons));
  const auto version_of = [&](int64_t override_id) {
    const auto found = view->override_versions.find(override_id);
    return found == view->override_versions.end() ? 1 : found->second;
  };
  if (rating.override_) {
    brag.Set("override", OverrideView(*rating.override_, version_of(rating.override_->id), page, *id));
  }
  if (rating.pending) brag.Set("pending", OverrideView(*rating.pending, version_of(rating.pending->id), page, *id));
  brag.Set("can_override", page.Can(Action::kRequestOverride));
  data.Set("brag", std::move(brag));

  data.Set("team", TeamSection(page, *id, view->team));
  if (view->level) data.Set("level_text", LabelOf(view->level->level));
  if (view->level_suggestion) data.Set("level_suggestion", SuggestionText(*view->level_suggestion));
  std::vector<std::string> schemes;
  for (const SchemeMembership& s : view->schemes) {
    schemes.push_back(std::string(LabelOf(s.scheme)) + (s.ends_on ? " until " + FormatShortDate(*s.ends_on) : ""));
  }
  data.Set("schemes_text", Join(schemes, ", "));
  if (view->statutory) {
    data.Set("statutory_text", std::string(LabelOf(view->statutory->kind)) +
                                   (view->statutory->ends_on ? " until " + FormatShortDate(*view->statutory->ends_on)
                                                             : ""));
  }
  data.Set("enforcement", EnforcementSection(page, *view));


  data.Set("compliance_28", RateText(view->compliance_28)).Set("compliance_90", RateText(view->compliance_90));
  data.Set("wanted_for", WantedFor(view->open_warrants, view->open_recalls));
  if (view->next_appointment) {
    data.Set("next_appointment", fmt::format("{}, {} with {}", ContactWhen(*view->next_appointment),
                                             LabelOf(view->next_appointment->kind), view->next_appointment->agency));
  }
  std::vector<ViewData> contacts;
  const Date today = page.app.clock.Today();
  for (auto contact = view->contacts.rbegin(); contact != view->contacts.rend(); ++contact) {
    contacts.push_back(ViewData()
                           .Set("id", contact->id)
                           .Set("person_id", *id)
                           .Set("when", ContactWhen(*contact))
                           .Set("kind", LabelOf(contact->kind))
                           .Set("agency", contact->agency)
                           .Set("worker", contact->worker)
                           .Set("outcome", contact->outcome ? LabelOf(*contact->outcome) : "")
                           .Set("failed", contact->outcome == ContactOutcome::kFailedUnacceptable)
                           .Set("due", !contact->outcome && contact->on <= today)
                           .Set("notes", contact->notes));
  }
  data.Set("has_contacts", !contacts.empty()).Set("contacts", std::move(contacts));
  data.Set("can_record_contact", page.Can(Action::kRecordContact));

  if (!view->assessments.empty()) {
    const Assessment& latest = view->assessments.back();
    std::vector<ViewData> needs;
    for (const PathwayNeed& need : latest.needs) {
      needs.push_back(ViewData()
                          .Set("pathway", LabelOf(need.pathway))
                          .Set("level", LabelOf(need.level))
                          .Set("class", NeedClass(need.level))
                          .Set("notes", need.notes));
    }
    data.Set("latest_assessment", ViewData()
                                      .Set("id", latest.id)
                                      .Set("person_id", *id)
                                      .Set("date", FormatLongDate(latest.assessed_on))
                                      .Set("assessor", latest.assessor)
                                      .Set("agency", latest.agency)
                                      .Set("total", latest.Total())
                                      .Set("significant", latest.SignificantCount())
                                      .Set("needs", std::move(needs)));
  }
  std::vector<ViewData> assessments;
  for (auto a = view->assessments.rbegin(); a != view->assessments.rend(); ++a) {
    assessments.push_back(ViewData()
                              .Set("id", a->id)
                              .Set("person_id", *id)
                              .Set("date", FormatShortDate(a->assessed_on))
                              .Set("assessor", a->assessor)
                              .Set("total", a->Total())
                              .Set("significant", a->SignificantCount()));
  }
  data.Set("has_assessments", !assessments.empty()).Set("assessments", std::move(assessments));
  data.Set("can_assess", page.Can(Action::kRecordAssessment));

  std::vector<ViewData> history;
  for (auto change = view->history.rbegin(); change != view->history.rend(); ++change) {
    ViewData row = RatingTag(change->rating);
    history.push_back(row.Set("date", FormatShortDate(change->on)).Set("overridden", change->overridden));
  }
  data.Set("history", std::move(history));
  std::vector<ViewData> overrides;
  for (auto o = view->overrides.rbegin(); o != view->overrides.rend(); ++o) {
    ViewData row = OverrideView(*o, version_of(o->id), page, *id);
    row.Set("state", !o->approved_by.empty()                          ? "Signed off by " + o->approved_by
                     : o->ended_on                                    ? std::string("Withdrawn")
                     : o->expires_on <= today                         ? std::string("Expired unsigned")
                                                                      : std::string("Awaiting a manager"));
    row.Set("ended", o->ended_on ? "Withdrawn " + FormatShortDate(*o->ended_on) : "");
    overrides.push_back(std::move(row));
  }
  data.Set("has_overrides", !overrides.empty()).Set("overrides", std::move(overrides));
  // The household section is the household's own audited view, which decides on each connected person; when it
  // fails the case page is shown without it rather than not at all.
  if (auto household = page.app.households.Household(page.actor(), *id); household.ok()) {
    data.Set("household_summary", HouseholdSummary(*household));
  }
  // The rest of the profile, from the same view: the plan, custody, open referrals and a timeline of events.
  const int overdue = CountOverdue(view->plan_actions, today);
  const auto open_actions = std::count_if(view->plan_actions.begin(), view->plan_actions.end(),
                                          [](const PlanAction& a) { return a.status == PlanActionStatus::kOpen; });
  data.Set("plan_text", Plural(open_actions, "open action", "open actions") +
                            (view->plan_review ? ", review on " + FormatShortDate(view->plan_review->review_on) : ""));
  data.Set("plan_overdue", overdue > 0 ? Plural(overdue, "action", "actions") + " overdue" : "");
  if (view->custody) {
    const CustodyEpisode& episode = *view->custody;
    ViewData custody;
    custody.Set("establishment", episode.establishment);
    if (InCustody(episode)) {
      const std::optional<int> countdown = ReleaseCountdown(episode, today);
      custody.Set("text", "In custody at " + episode.establishment + " since " + FormatShortDate(episode.started_on));
      if (episode.expected_release_on) {
        custody.Set("release", fmt::format("Release expected {}{}", FormatShortDate(*episode.expected_release_on),
                                           countdown && *countdown >= 0 ? fmt::format(": in {}", Plural(*countdown, "day", "days"))
                                                                        : std::string()));
        custody.Set("friday", IsFridayRelease(*episode.expected_release_on));
      }
    } else {
      custody.Set("text", "Released from " + episode.establishment + " on " + FormatShortDate(*episode.released_on) +
                              (episode.licence_end_on ? ", licence ends " + FormatShortDate(*episode.licence_end_on) : ""));
    }
    data.Set("custody", std::move(custody));
  }
  std::vector<ViewData> referrals;
  for (const ServiceReferral& r : view->open_referrals) {
    referrals.push_back(ViewData().Set("text", fmt::format("{}: {} ({} since {})", LabelOf(r.service), r.provider,
                                                           LabelOf(r.status), FormatShortDate(r.status_on))));
  }
  data.Set("has_referrals", !referrals.empty()).Set("referrals", std::move(referrals));
  std::vector<ViewData> timeline;
  for (const Event& event : view->recent_events) timeline.push_back(EventItem(event));
  data.Set("has_timeline", !timeline.empty()).Set("timeline", std::move(timeline));
  data.Set("saved", page.query.Get("saved"));
  return RenderPage(page, view->person.surname + ", " + view->person.forenames + " — case", "case", std::move(data));
}

namespace {

HttpResponse ContactForm(PageRequest& page, const Person& person, const FormFields& form,
                         std::optional<int64_t> contact_id, int version, int status = 200,
                         const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("kinds", Radios("kind", Choices<ContactKind>(), form.Get("kind")));
  std::vector<std::pair<std::string, std::string>> outcomes = {{"", "Not yet known"}};
  for (const auto& choice : Choices<ContactOutcome>()) outcomes.push_back(choice);
  data.Set("outcomes", Radios("outcome", outcomes, form.Get("outcome")));
  data.Set("on_input", DateInputView("on", "Date", "For example, 27 11 2026", ReadDateInput(form, "on"), errors));
  data.Set("time", form.Get("time")).Set("worker", form.Get("worker")).Set("notes", form.Get("notes"));
  for (const char* field : {"kind", "outcome", "time", "worker", "notes", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("editing", contact_id.has_value());
  data.Set("action", contact_id ? fmt::format("/people/{}/contacts/{}", person.id, *contact_id)
                                : fmt::format("/people/{}/contacts/new", person.id));
  data.Set("version", static_cast<int64_t>(version));
  data.Set("back_href", fmt::format("/people/{}/case", person.id));
  return RenderPage(page, contact_id ? "Record what came of a contact" : "Record a contact", "contact_form",
                    std::move(data), status, errors);
}

ContactInput ContactFromForm(const PageRequest& page, FieldProblems& input_errors) {
  return ContactInput{.kind = page.form.Get("kind"),
                      .on = DateInputIso(page.form, "on", "The date", input_errors),
                      .time = std::string(Trim(page.form.Get("time"))),
                      .worker = std::string(Trim(page.form.Get("worker"))),
                      .outcome = page.form.Get("outcome"),
                      .notes = page.form.Get("notes")};
}

}  // namespace

HttpResponse ContactNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordContact, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.cases.Brag(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  const Date today = page.app.clock.Today();
  return ContactForm(page, view->person,
                     ParseUrlEncoded("kind=office&on=" + FormatIsoDate(today)), std::nullopt, 0);
}

HttpResponse ContactNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const ContactInput input = ContactFromForm(page, input_errors);
  std::optional<Person> person;
  auto added = page.app.cases.AddContact(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/case?saved=contact", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kRecordContact, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return ContactForm(page, *person, page.form, std::nullopt, 0, HttpStatusFor(added.status()),
                     FormErrors(input_errors, added.status(), "on"));
}

HttpResponse ContactGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> contact_id = page.http.IdParam("contact_id");
  if (!id || !contact_id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordContact, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.cases.Case(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  for (const Contact& c : view->contacts) {
    if (c.id != *contact_id) continue;
    const std::string fields =
        fmt::format("kind={}&on={}&time={}&worker={}&outcome={}&notes={}", CodeOf(c.kind), FormatIsoDate(c.on),
                    UrlEncode(c.time), UrlEncode(c.worker), CodeOf(c.outcome), UrlEncode(c.notes));
    return ContactForm(page, view->person, ParseUrlEncoded(fields), c.id, c.version);
  }
  return ErrorPage(page, 404);
}

HttpResponse ContactPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> contact_id = page.http.IdParam("contact_id");
  if (!id || !contact_id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const ContactInput input = ContactFromForm(page, input_errors);
  const int version = IntOr(page.form.Get("version"), 0);
  std::optional<Person> person;
  const Status changed = page.app.cases.RecordOutcome(page.actor(), *id, *contact_id, version, input, &person);
  if (changed.ok()) return Redirect(fmt::format("/people/{}/case?saved=outcome", *id));
  if (!IsFormProblem(changed)) return PersonStatusPage(page, *id, Action::kRecordContact, changed);
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return ContactForm(page, *person, page.form, *contact_id, version, HttpStatusFor(changed),
                     FormErrors(input_errors, changed, "on"));
}

namespace {

HttpResponse AssessmentForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                            const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  std::vector<ViewData> pathways;
  for (const Pathway pathway : FormPathways(kCurrentAssessmentForm)) {
    const std::string code(CodeOf(pathway));
    pathways.push_back(ViewData()
                           .Set("code", code)
                           .Set("label", LabelOf(pathway))
                           .Set("womens", IsWomensPathway(pathway))
                           .Set("optional", IsWomensPathway(pathway) && person.gender != Gender::kFemale)
                           .Set("levels", Radios(code, Choices<NeedLevel>(), form.Get(code)))
                           .Set("notes", form.Get(code + "-notes"))
                           .Set("error", ErrorFor(errors, code)));
  }
  data.Set("pathways", std::move(pathways));
  data.Set("assessed_on_input", DateInputView("assessed_on", "Date of the assessment", "For example, 27 11 2026",
                                              ReadDateInput(form, "assessed_on"), errors));
  data.Set("form_error", ErrorFor(errors, "form"));
  data.Set("back_href", fmt::format("/people/{}/case", person.id));
  return RenderPage(page, "Pathway assessment", "assessment_form", std::move(data), status, errors);
}

}  // namespace

HttpResponse AssessmentNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordAssessment, ObjectKind::kPerson, std::to_string(*id))) {
    return *refused;
  }
  auto view = page.app.cases.Case(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  // The form starts from the latest assessment's answers, so a review changes only what has changed.
  std::string fields = "assessed_on=" + FormatIsoDate(page.app.clock.Today());
  if (!view->assessments.empty()) {
    for (const PathwayNeed& need : view->assessments.back().needs) {
      fields += fmt::format("&{}={}&{}-notes={}", CodeOf(need.pathway), CodeOf(need.level), CodeOf(need.pathway),
                            UrlEncode(need.notes));
    }
  }
  return AssessmentForm(page, view->person, ParseUrlEncoded(fields));
}

HttpResponse AssessmentNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  AssessmentInput input{.assessed_on = DateInputIso(page.form, "assessed_on", "The date of the assessment",
                                                    input_errors)};
  for (const Pathway pathway : FormPathways(kCurrentAssessmentForm)) {
    const std::string code(CodeOf(pathway));
    input.needs[code] = page.form.Get(code);
    input.notes[code] = page.form.Get(code + "-notes");
  }
  std::optional<Person> person;
  auto added = page.app.cases.AddAssessment(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/assessments/{}?saved=1", *id, *added));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kRecordAssessment, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return AssessmentForm(page, *person, page.form, HttpStatusFor(added.status()),
                        FormErrors(input_errors, added.status(), "assessed_on"));
}

HttpResponse AssessmentGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> assessment_id = page.http.IdParam("assessment_id");
  if (!id || !assessment_id) return ErrorPage(page, 404);
  auto view = page.app.cases.Case(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  const std::vector<Assessment>& all = view->assessments;
  const auto found = std::find_if(all.begin(), all.end(), [&](const Assessment& a) { return a.id == *assessment_id; });
  if (found == all.end()) return ErrorPage(page, 404);
  ViewData data = PersonHeader(page, view->person, !view->open_warrants.empty(), "/case");
  data.Set("date", FormatLongDate(found->assessed_on)).Set("assessor", found->assessor).Set("agency", found->agency);
  data.Set("total", found->Total()).Set("significant", found->SignificantCount());
  data.Set("form_version", found->form_version).Set("person_id", *id).Set("saved", page.query.Get("saved"));
  const Assessment* previous = found == all.begin() ? nullptr : &*(found - 1);
  std::vector<ViewData> rows;
  const Assessment none;
  for (const PathwayComparison& row : CompareAssessments(previous ? *previous : none, *found)) {
    ViewData view_row;
    view_row.Set("pathway", LabelOf(row.pathway));
    if (row.after) view_row.Set("after", LabelOf(*row.after)).Set("after_class", NeedClass(*row.after));
    if (row.before) view_row.Set("before", LabelOf(*row.before)).Set("before_class", NeedClass(*row.before));
    if (const auto need = found->NeedOn(row.pathway)) view_row.Set("notes", need->notes);
    view_row.Set("change", !previous                              ? ""
                           : row.change == NeedChange::kBetter    ? "Less need"
                           : row.change == NeedChange::kWorse     ? "More need"
                           : row.change == NeedChange::kNewlyAsked ? "Not asked before"
                                                                  : "No change");
    rows.push_back(std::move(view_row));
  }
  data.Set("rows", std::move(rows));
  if (previous) {
    data.Set("previous", ViewData()
                             .Set("date", FormatLongDate(previous->assessed_on))
                             .Set("total", previous->Total())
                             .Set("id", previous->id)
                             .Set("person_id", *id));
  }
  data.Set("back_href", fmt::format("/people/{}/case", *id));
  return RenderPage(page, "Pathway assessment of " + FormatLongDate(found->assessed_on), "assessment", std::move(data));
}

namespace {

HttpResponse OverrideForm(PageRequest& page, const Person& person, const BragAssessment* rating,
                          const FormFields& form, int status = 200, const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  if (rating != nullptr) data.Set("computed", RatingTag(rating->computed));
  data.Set("ratings", Radios("rating", Choices<BragRating>(), form.Get("rating")));
  data.Set("justification", form.Get("justification"));
  data.Set("expires_on_input", DateInputView("expires_on", "Until", "At most six months ahead. For example, 27 1 2027",
                                             ReadDateInput(form, "expires_on"), errors));
  for (const char* field : {"rating", "justification", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("is_manager", page.Can(Action::kSignOffOverride));
  data.Set("min_justification", static_cast<int64_t>(kMinOverrideJustification));
  data.Set("back_href", fmt::format("/people/{}/case", person.id));
  return RenderPage(page, "Override the BRAG rating", "override_form", std::move(data), status, errors);
}

}  // namespace

HttpResponse OverrideNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRequestOverride, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.cases.Brag(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return OverrideForm(page, view->person, &view->rating, FormFields{});
}

HttpResponse OverrideNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  const OverrideInput input{.rating = page.form.Get("rating"), .justification = std::string(Trim(page.form.Get("justification"))),
                            .expires_on = DateInputIso(page.form, "expires_on", "The end date", input_errors)};
  std::optional<Person> person;
  auto created = page.app.cases.RequestOverride(page.actor(), *id, input, &person);
  if (created.ok()) return Redirect(fmt::format("/people/{}/case?saved=override", *id));
  if (!IsFormProblem(created.status())) return PersonStatusPage(page, *id, Action::kRequestOverride, created.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return OverrideForm(page, *person, nullptr, page.form, HttpStatusFor(created.status()),
                      FormErrors(input_errors, created.status(), "expires_on"));
}

namespace {

// A sign-off or withdrawal from the case page: back to it, or its failure as an error page (a stale version says
// to reload the case page, which shows the override as it now is).
HttpResponse OverrideChange(PageRequest& page, bool sign_off) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> override_id = page.http.IdParam("override_id");
  if (!id || !override_id) return ErrorPage(page, 404);
  const int version = IntOr(page.form.Get("version"), 0);
  const Status changed = sign_off ? page.app.cases.SignOffOverride(page.actor(), *id, *override_id, version)
                                  : page.app.cases.WithdrawOverride(page.actor(), *id, *override_id, version);
  if (changed.ok()) return Redirect(fmt::format("/people/{}/case?saved={}", *id, sign_off ? "signed_off" : "withdrawn"));
  return PersonStatusPage(page, *id, sign_off ? Action::kSignOffOverride : Action::kRequestOverride, changed);
}

}  // namespace

HttpResponse OverrideSignOffPost(PageRequest& page) { return OverrideChange(page, true); }
HttpResponse OverrideWithdrawPost(PageRequest& page) { return OverrideChange(page, false); }

}  // namespace openiom::web
