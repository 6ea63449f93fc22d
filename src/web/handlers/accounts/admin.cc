// Administration: users and agencies.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/accounts/accounts.h"

namespace openiom::web {
namespace {

HttpResponse UsersPage(PageRequest& page, const FieldProblems& errors, int status) {
  auto users = page.app.accounts.ListUsers(page.actor());
  if (!users.ok()) return StatusPage(page, users.status());
  auto agencies = page.app.accounts.ListAgencies(page.actor());
  if (!agencies.ok()) return StatusPage(page, agencies.status());
  ViewData data;
  std::vector<ViewData> rows;
  for (const User& user : *users) {
    std::vector<std::string> roles;
    for (Role role : user.roles) roles.emplace_back(RoleLabel(role));
    rows.push_back(ViewData()
                       .Set("username", user.username)
                       .Set("display_name", user.display_name)
                       .Set("agency", user.agency_name)
                       .Set("roles", Join(roles, ", "))
                       .Set("disabled", user.disabled)
                       .Set("toggle_action", user.disabled ? "enable" : "disable")
                       .Set("toggle_text", user.disabled ? "Enable" : "Disable")
                       .Set("csrf_token", page.session->csrf_token));
  }
  data.Set("user_count", static_cast<int64_t>(users->size()));
  auto requests = page.app.accounts.PendingRoleRequests(page.actor());
  if (!requests.ok()) return StatusPage(page, requests.status());
  std::vector<ViewData> pending;
  std::vector<std::string> added_waiting;
  for (const RoleRequest& request : *requests) {
    if (request.username == page.query.Get("added")) added_waiting.emplace_back(RoleLabel(request.role));
    // The one who granted it, and the account itself, cannot approve: the service refuses; the page says so.
    const bool own = request.requested_by_id == page.actor().user_id || request.user_id == page.actor().user_id;
    pending.push_back(ViewData()
                          .Set("id", request.id)
                          .Set("username", request.username)
                          .Set("role", RoleLabel(request.role))
                          .Set("requested_by", request.requested_by)
                          .Set("requested_at", FormatLondonDateTime(request.requested_at))
                          .Set("may_decide", !own)
                          .Set("csrf_token", page.session->csrf_token));
  }
  data.Set("has_pending", !pending.empty()).Set("pending", std::move(pending));
  if (!added_waiting.empty()) {
    data.Set("added_waiting", "Waiting for a second administrator to approve: " + Join(added_waiting, ", ") + ".");
  }
  if (const std::optional<RoleRequestStatus> decided = Parse<RoleRequestStatus>(page.query.Get("decided"));
      decided && *decided != RoleRequestStatus::kPending) {
    data.Set("decided", "The role request was " + std::string(CodeOf(*decided)) + ".");
  }
  data.Set("users", std::move(rows));
  // Only a user that exists: the query string must not put words of someone else's choosing in the banner.
  const std::string added = page.query.Get("added");
  for (const User& user : *users) {
    if (!added.empty() && user.username == added) data.Set("added", "User " + added + " was added.");
  }
  const FormFields& form = page.form;
  std::vector<ViewData> fields;
  auto field = [&](std::string_view name, std::string_view label, std::string_view type, std::string_view hint,
                   std::string_view autocomplete) {
    const std::string error = ErrorFor(errors, name);
    std::string described_by = hint.empty() ? "" : std::string(name) + "-hint";
    if (!error.empty()) described_by += (described_by.empty() ? "" : " ") + std::string(name) + "-error";
    fields.push_back(ViewData()
                         .Set("name", name)
                         .Set("label", label)
                         .Set("type", type)
                         .Set("hint", hint)
                         .Set("autocomplete", autocomplete)
                         .Set("value", type == "password" ? "" : form.Get(name))
                         .Set("error", error)
                         .Set("described_by", described_by));
  };
  field("username", "Username", "text", "Lower-case letters, digits, full stops, hyphens or underscores", "off");
  field("display_name", "Full name", "text", "", "off");
  std::vector<ViewData> agency_choices;
  for (const Agency& agency : *agencies) {
    agency_choices.push_back(
        ViewData().Set("value", agency.name).Set("text", agency.name).Set("selected", agency.name == form.Get("agency")));
  }
  fields.push_back(ViewData().Set("name", "agency").Set("label", "Agency").Set("options", true).Set("choices", agency_choices));
  field("password", "Password", "password", "At least 12 characters; give it to the user in person", "new-password");
  data.Set("fields", std::move(fields));
  std::vector<ViewData> role_choices;
  const std::vector<std::string> chosen = form.GetAll("role");
  for (Role role : kAllRoles) {
    const std::string code(RoleCode(role));
    role_choices.push_back(ViewData()
                               .Set("id", "role-" + code)
                               .Set("value", code)
                               .Set("text", RoleLabel(role))
                               .Set("checked", std::find(chosen.begin(), chosen.end(), code) != chosen.end()));
  }
  data.Set("role_choices", std::move(role_choices));
  data.Set("roles_error", ErrorFor(errors, "role-practitioner"));
  return RenderPage(page, "Users", "admin_users", std::move(data), status, errors);
}

HttpResponse SetDisabled(PageRequest& page, bool disabled) {
  const Status status = page.app.accounts.SetUserDisabled(page.actor(), page.http.path_params.at("username"), disabled);
  if (!status.ok()) return StatusPage(page, status);
  return Redirect("/admin/users");
}

HttpResponse AgenciesPage(PageRequest& page, const FieldProblems& errors, int status) {
  auto agencies = page.app.accounts.ListAgencies(page.actor());
  if (!agencies.ok()) return StatusPage(page, agencies.status());
  ViewData data;
  std::vector<ViewData> rows;
  for (const Agency& agency : *agencies) {
    rows.push_back(ViewData().Set("name", agency.name).Set("kind", AgencyKindCode(agency.kind)));
  }
  data.Set("agency_count", static_cast<int64_t>(agencies->size()));
  data.Set("agencies", std::move(rows));
  data.Set("name", page.form.Get("name"));
  data.Set("name_error", ErrorFor(errors, "name"));
  std::vector<ViewData> kinds;
  for (AgencyKind kind : kAllAgencyKinds) {
    const std::string code(AgencyKindCode(kind));
    kinds.push_back(ViewData().Set("value", code).Set("text", code).Set("selected", code == page.form.Get("kind")));
  }
  data.Set("kinds", std::move(kinds));
  return RenderPage(page, "Agencies", "admin_agencies", std::move(data), status, errors);
}

}  // namespace

HttpResponse AdminUsersGet(PageRequest& page) { return UsersPage(page, {}, 200); }

HttpResponse AdminUsersPost(PageRequest& page) {
  const FormFields& form = page.form;
  NewUser user{.username = std::string(Trim(form.Get("username"))),
               .display_name = std::string(Trim(form.Get("display_name"))),
               .agency_name = form.Get("agency")};
  for (const std::string& code : form.GetAll("role")) {
    if (auto role = RoleFromCode(code)) user.roles.push_back(*role);
  }
  auto added = page.app.accounts.AddUser(page.actor(), user, form.Get("password"));
  if (!added.ok()) {
    const Status& status = added.status();
    if (status.code() == StatusCode::kConflict) return UsersPage(page, {{"username", "That username is taken"}}, 409);
    if (status.code() == StatusCode::kInvalidArgument && !status.problems().empty()) {
      const FieldProblem& problem = status.problems().front();  // username, role, password or agency
      if (problem.field == "role") return UsersPage(page, {{"role-practitioner", "Choose at least one role"}}, 400);
      return UsersPage(page, {{problem.field, "The " + problem.field + " " + problem.message}}, 400);
    }
    return StatusPage(page, status);
  }
  return Redirect("/admin/users?added=" + UrlEncode(user.username));
}

HttpResponse AdminRoleRequestPost(PageRequest& page) {
  const std::optional<int64_t> id = ParseInt64(page.http.path_params.at("id"));
  const std::string& decision = page.http.path_params.at("decision");
  if (!id || *id <= 0 || (decision != "approve" && decision != "refuse")) return ErrorPage(page, 404);
  const Status status = page.app.accounts.DecideRoleRequest(page.actor(), *id, decision == "approve");
  if (status.code() == StatusCode::kFailedPrecondition) {
    return UsersPage(page, {{"pending", status.message()}}, HttpStatusFor(status));
  }
  if (!status.ok()) return StatusPage(page, status);
  const RoleRequestStatus decided = decision == "approve" ? RoleRequestStatus::kApproved : RoleRequestStatus::kRefused;
  return Redirect("/admin/users?decided=" + std::string(CodeOf(decided)));
}

HttpResponse AdminUserDisablePost(PageRequest& page) { return SetDisabled(page, true); }
HttpResponse AdminUserEnablePost(PageRequest& page) { return SetDisabled(page, false); }

HttpResponse AdminAgenciesGet(PageRequest& page) { return AgenciesPage(page, {}, 200); }

HttpResponse AdminAgenciesPost(PageRequest& page) {
  const std::string name(Trim(page.form.Get("name")));
  const std::optional<AgencyKind> kind = AgencyKindFromCode(page.form.Get("kind"));
  if (name.empty()) return AgenciesPage(page, {{"name", "Enter the agency's name"}}, 400);
  if (!kind) return AgenciesPage(page, {{"name", "Choose the kind of agency"}}, 400);
  auto added = page.app.accounts.AddAgency(page.actor(), {0, name, *kind});
  if (added.status().code() == StatusCode::kConflict) {
    return AgenciesPage(page, {{"name", "There is already an agency with that name"}}, 409);
  }
  if (!added.ok()) return StatusPage(page, added.status());
  return Redirect("/admin/agencies");
}

}  // namespace openiom::web
