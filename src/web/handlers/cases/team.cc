// The team around a person, shown on their Case tab (the lead professional first, then the named workers of other
// agencies with their roles, then those who left), the form that adds a member and the button that records that one
// left the team today.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/cases/cases.h"
#include "web/handlers/people/people.h"

namespace openiom::web {

ViewData TeamSection(const PageRequest& page, PersonId person_id, const PersonTeam& team) {
  const bool can_manage = page.Can(Action::kManageTeam);
  std::vector<ViewData> current, past;
  for (const TeamMember& m : team.members) {
    ViewData row;
    row.Set("id", m.id).Set("person_id", person_id).Set("version", static_cast<int64_t>(m.version));
    row.Set("worker", m.worker).Set("agency", m.agency).Set("role", LabelOf(m.role)).Set("role_code", CodeOf(m.role));
    row.Set("has_account", m.user_id.has_value());
    row.Set("joined_on", FormatShortDate(m.joined_on));
    row.Set("left_on", m.left_on ? FormatShortDate(*m.left_on) : "");
    row.Set("can_end", can_manage && IsCurrent(m));
    (IsCurrent(m) ? current : past).push_back(std::move(row));
  }
  ViewData data;
  data.Set("in_cohort", team.in_cohort);
  data.Set("lead_professional", team.lead_professional).Set("lead_agency", team.lead_agency);
  data.Set("has_current", !current.empty()).Set("current", std::move(current));
  data.Set("has_past", !past.empty()).Set("past", std::move(past));
  data.Set("can_manage", can_manage).Set("person_id", person_id);
  return data;
}

namespace {

HttpResponse MemberForm(PageRequest& page, const Person& person, const FormFields& form, int status = 200,
                        const FieldProblems& errors = {}) {
  ViewData data = FormHeading(person);
  data.Set("roles", Radios("role", Choices<TeamRole>(), form.Get("role")));
  std::vector<ViewData> agencies, users;
  if (auto workers = page.app.teams.Workers(page.actor()); workers.ok()) {
    for (const Agency& agency : workers->agencies) {
      agencies.push_back(ViewData()
                             .Set("id", agency.id)
                             .Set("name", agency.name)
                             .Set("selected", std::to_string(agency.id) == form.Get("agency")));
    }
    for (const PlanOwner& user : workers->users) {
      users.push_back(ViewData()
                          .Set("id", user.user_id)
                          .Set("name", user.name + " (" + user.agency + ")")
                          .Set("selected", std::to_string(user.user_id) == form.Get("user")));
    }
  }
  data.Set("agencies", std::move(agencies)).Set("users", std::move(users));
  data.Set("worker_name", form.Get("worker_name"));
  data.Set("joined_on_input", DateInputView("joined_on", "Joined the team on", "Today or earlier. For example, 27 11 2026",
                                            ReadDateInput(form, "joined_on"), errors));
  for (const char* field : {"role", "worker", "agency", "form"}) {
    data.Set(std::string(field) + "_error", ErrorFor(errors, field));
  }
  data.Set("back_href", fmt::format("/people/{}/case#team", person.id));
  return RenderPage(page, "Add a team member", "team_member_form", std::move(data), status, errors);
}

// A date as the date input's fields: "joined_on-day=3&joined_on-month=2&joined_on-year=2027".
std::string DateFields(std::string_view name, Date date) {
  const std::string iso = FormatIsoDate(date);
  return fmt::format("{0}-day={1}&{0}-month={2}&{0}-year={3}", name, std::stoi(iso.substr(8, 2)),
                     std::stoi(iso.substr(5, 2)), iso.substr(0, 4));
}

}  // namespace

HttpResponse TeamMemberNewGet(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  if (auto refused = Refuse(page, Action::kManageTeam, ObjectKind::kPerson, std::to_string(*id))) return *refused;
  auto view = page.app.teams.Team(page.actor(), *id);
  if (!view.ok()) return PersonStatusPage(page, *id, Action::kViewPerson, view.status());
  return MemberForm(page, view->person, ParseUrlEncoded(DateFields("joined_on", view->today)));
}

HttpResponse TeamMemberNewPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  if (!id) return ErrorPage(page, 404);
  FieldProblems input_errors;
  TeamMemberInput input{.agency_id = page.form.Get("agency"),
                        .user_id = page.form.Get("user"),
                        .worker_name = page.form.Get("worker_name"),
                        .role = page.form.Get("role"),
                        .joined_on = DateInputIso(page.form, "joined_on", "The day they joined", input_errors)};
  // The service takes an empty day as today: a date input that could not be read is passed on as it is, so that it is
  // refused with every other problem rather than taken as today.
  if (!input_errors.empty()) input.joined_on = "unreadable";
  std::optional<Person> person;
  auto added = page.app.teams.AddMember(page.actor(), *id, input, &person);
  if (added.ok()) return Redirect(fmt::format("/people/{}/case?saved=team#team", *id));
  if (!IsFormProblem(added.status())) return PersonStatusPage(page, *id, Action::kManageTeam, added.status());
  if (!person) return StatusPage(page, Status::NotFound(fmt::format("person {} does not exist", *id)));
  return MemberForm(page, *person, page.form, HttpStatusFor(added.status()),
                    FormErrors(input_errors, added.status(), "joined_on"));
}

HttpResponse TeamMemberEndPost(PageRequest& page) {
  const std::optional<PersonId> id = page.http.IdParam();
  const std::optional<int64_t> member_id = page.http.IdParam("member_id");
  if (!id || !member_id) return ErrorPage(page, 404);
  const int version = IntOr(page.form.Get("version"), 0);
  const Status ended = page.app.teams.EndMember(page.actor(), *id, *member_id, version);
  if (ended.ok()) return Redirect(fmt::format("/people/{}/case?saved=team#team", *id));
  // A stale version or a member who already left: the error page says to reload, which shows the team as it is.
  return PersonStatusPage(page, *id, Action::kManageTeam, ended);
}

}  // namespace openiom::web
