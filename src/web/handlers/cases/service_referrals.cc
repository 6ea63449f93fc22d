// The Referrals tab: a person's referrals to services, open ones first, each with its provider, who referred them and
// when, where it has got to and what came of it; the form that makes a referral and the one that records where a
// referral has got to (only the moves the rules allow are offered).
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {
namespace {

// The status tag: open ones blue (sent, accepted) or turquoise (started), completed green, declined red, withdrawn
// grey.
std::string_view StatusClass(ServiceReferralStatus status) {
  switch (status) {
    case ServiceReferralStatus::kSent:
    case ServiceReferralStatus::kAccepted: return "govuk-tag--blue";
    case ServiceReferralStatus::kStarted: return "govuk-tag--turquoise";
    case ServiceReferralStatus::kCompleted: return "govuk-tag--green";
    case ServiceReferralStatus::kDeclined: return "govuk-tag--red";
    case ServiceReferralStatus::kWithdrawn: return "govuk-tag--grey";
  }
  return "govuk-tag--grey";
}

// A date as the date input's fields: "referred_on-day=3&referred_on-month=2&referred_on-year=2027".
std::string DateFields(std::string_view name, Date date) {
  const std::string iso = FormatIsoDate(date);
  return fmt::format("{0}-day={1}&{0}-month={2}&{0}-year={3}", name, std::stoi(iso.substr(8, 2)),
                     std::stoi(iso.substr(5, 2)), iso.substr(0, 4));
}

HttpResponse ReferralForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                          const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("services", Radios("service", Choices<ServiceKind>(), form.Get("service")));
  data.Set("provider", form.Get("provider"));
  data.Set("referred_on_input", DateInputView("referred_on", "Referred on", "Today or earlier. For example, 27 11 2026",
                                              ReadDateInput(form, "referred_on"), errors));
  for (const char* field : {"service", "provider", "form"}) data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  data.Set("back_href", fmt::format("/people/{}/referrals", person.id));
  return RenderPage(page, "Refer to a service", "service_referral_form", std::move(data), status, errors);
}

HttpResponse StatusForm(PageRequest& page, const Person& person, const ServiceReferral& referral,
                        const FormFields& form, int status = 200, const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("referral_id", referral.id).Set("version", static_cast<int64_t>(referral.version));
  data.Set("service", LabelOf(referral.service)).Set("provider", referral.provider);
  data.Set("current", LabelOf(referral.status)).Set("current_class", StatusClass(referral.status));
  data.Set("referred_on", FormatLongDate(referral.referred_on));
  std::vector<std::pair<std::string, std::string>> next;
  for (const ServiceReferralStatus to : NextStatuses(referral.status)) {
    next.emplace_back(std::string(CodeOf(to)), std::string(LabelOf(to)));
  }
  data.Set("finished", next.empty());
  data.Set("statuses", Radios("status", next, form.Get("status")));
  data.Set("outcome", form.Get("outcome"));
  data.Set("status_on_input", DateInputView("status_on", "On", "Today or earlier. For example, 27 11 2026",
                                            ReadDateInput(form, "status_on"), errors));
  for (const char* field : {"status", "outcome", "form"}) data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  data.Set("back_href", fmt::format("/people/{}/referrals", person.id));
  return RenderPage(page, "Where the referral has got to", "service_referral_status_form", std::move(data), status,
                    errors);
}

// The referral `referral_id` of the view, if it is the person's.
const ServiceReferral* Find(const ServiceReferralsView& view, ServiceReferralId referral_id) {
  for (const ServiceReferral& r : view.referrals) {
    if (r.id == referral_id) return &r;
  }
  return nullptr;
}

}  // namespace

HttpResponse ServiceReferralsGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  auto view = page.app.service_referrals.Referrals(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  ViewData data = PersonHeader(page, view->person, view->open_warrant, "/referrals");
  const bool can_record = page.Can(Action::kRecordReferral);
  std::vector<ViewData> rows;
  for (const ServiceReferral& r : view->referrals) {
    rows.push_back(ViewData()
                       .Set("id", r.id)
                       .Set("person_id", *id)
                       .Set("service", LabelOf(r.service))
                       .Set("service_code", CodeOf(r.service))
                       .Set("provider", r.provider)
                       .Set("referred_on", FormatShortDate(r.referred_on))
                       .Set("referred_by", r.referred_by)
                       .Set("referred_by_agency", r.referred_by_agency)
                       .Set("status", LabelOf(r.status))
                       .Set("status_code", CodeOf(r.status))
                       .Set("status_class", StatusClass(r.status))
                       .Set("status_on", FormatShortDate(r.status_on))
                       .Set("outcome", r.outcome)
                       .Set("can_update", can_record && !IsFinished(r.status)));
  }
  data.Set("has_referrals", !rows.empty()).Set("referrals", std::move(rows));
  data.Set("can_record", can_record);
  data.Set("saved", page.query.Get("saved"));
  return RenderPage(page, view->person.surname + ", " + view->person.forenames + " — referrals", "service_referrals",
                    std::move(data));
}

HttpResponse ServiceReferralNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordReferral, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.service_referrals.Referrals(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return ReferralForm(page, view->person, ParseUrlEncoded(DateFields("referred_on", view->today)));
}

HttpResponse ServiceReferralNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  ServiceReferralInput input{.service = page.form.Get("service"),
                             .provider = page.form.Get("provider"),
                             .referred_on = DateInputIso(page.form, "referred_on", "The day", input_errors)};
  // An empty day is today to the service: a date input that could not be read is passed on, to be refused with the
  // rest.
  if (!input_errors.empty()) input.referred_on = "unreadable";
  std::optional<Person> person;
  auto added = page.app.service_referrals.Refer(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/referrals?saved=referral", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kRecordReferral, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return ReferralForm(page, *person, page.form, HttpStatusFor(added.status()),
                      FormErrors(input_errors, added.status(), "referred_on"));
}

HttpResponse ServiceReferralGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> referral_id = page.http.IdParam("referral_id");
  if (!id || !referral_id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kRecordReferral, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.service_referrals.Referrals(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  const ServiceReferral* referral = Find(*view, *referral_id);
  if (referral == nullptr) return ErrorPage(page, 404);
  return StatusForm(page, view->person, *referral, ParseUrlEncoded(DateFields("status_on", view->today)));
}

HttpResponse ServiceReferralPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> referral_id = page.http.IdParam("referral_id");
  if (!id || !referral_id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  ServiceReferralStatusInput input{.status = page.form.Get("status"),
                                   .status_on = DateInputIso(page.form, "status_on", "The day", input_errors),
                                   .outcome = page.form.Get("outcome")};
  if (!input_errors.empty()) input.status_on = "unreadable";
  const int version = IntOr(page.form.Get("version"), 0);
  std::optional<ServiceReferralShown> shown;
  const Status changed = page.app.service_referrals.SetStatus(page.actor(), *id, *referral_id, version, input, &shown);
  if (changed.ok()) return Redirect(fmt::format("/people/{}/referrals?saved={}", *id, UrlEncode(input.status)));
  if (!IsFormProblem(changed)) return PersonStatusPage(page, *id, Action::kRecordReferral, changed);
  if (!shown) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  // Shown again with the referral as stored: a stale version says to reload (an error on the form), and the form then
  // carries the version and the moves of the referral as it now is.
  return StatusForm(page, shown->person, shown->referral, page.form, HttpStatusFor(changed),
                    FormErrors(input_errors, changed, "status_on"));
}

}  // namespace openiom::web
