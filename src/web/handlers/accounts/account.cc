// The signed-in user's own account: details and changing the password.
#include "common/strings.h"
#include "web/handlers/accounts/accounts.h"

namespace openiom::web {
namespace {

HttpResponse AccountPage(PageRequest& page, const FieldProblems& errors, int status) {
  const User& user = page.session->user;
  ViewData data;
  data.Set("username", user.username).Set("display_name", user.display_name).Set("agency", user.agency_name);
  std::vector<std::string> roles;
  for (Role role : user.roles) roles.emplace_back(RoleLabel(role));
  data.Set("roles", Join(roles, ", "));
  data.Set("changed", page.query.Get("changed") == "1");
  std::vector<ViewData> fields;
  for (auto [name, label, autocomplete] : std::initializer_list<std::tuple<std::string_view, std::string_view, std::string_view>>{
           {"current_password", "Current password", "current-password"},
           {"new_password", "New password", "new-password"},
           {"confirm_password", "New password again", "new-password"}}) {
    fields.push_back(ViewData()
                         .Set("name", name)
                         .Set("label", label)
                         .Set("autocomplete", autocomplete)
                         .Set("error", ErrorFor(errors, name)));
  }
  data.Set("fields", std::move(fields));
  return RenderPage(page, "Your account", "account", std::move(data), status, errors);
}

}  // namespace

HttpResponse AccountGet(PageRequest& page) { return AccountPage(page, {}, 200); }

HttpResponse AccountPasswordPost(PageRequest& page) {
  const std::string current = page.form.Get("current_password");
  const std::string replacement = page.form.Get("new_password");
  FieldProblems errors;
  if (current.empty()) errors.emplace_back("current_password", "Enter your current password");
  if (replacement.empty()) errors.emplace_back("new_password", "Enter a new password");
  if (replacement != page.form.Get("confirm_password")) {
    errors.emplace_back("confirm_password", "Enter the same new password twice");
  }
  if (!errors.empty()) return AccountPage(page, errors, 400);
  const Status status = page.app.accounts.ChangePassword(*page.session, current, replacement);
  if (status.code() == StatusCode::kInvalidArgument && !status.problems().empty()) {
    // The current password was wrong, or the new one breaks the policy ("must be at least 12 characters").
    const FieldProblem& problem = status.problems().front();
    if (problem.field == "current_password") {
      return AccountPage(page, {{"current_password", "Your current password is not right"}}, 400);
    }
    return AccountPage(page, {{"new_password", "The new password " + problem.message}}, 400);
  }
  if (!status.ok()) return StatusPage(page, status);
  return Redirect("/account?changed=1");
}

}  // namespace openiom::web
