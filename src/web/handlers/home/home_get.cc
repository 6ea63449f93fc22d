// The home page: who you are, what you can do, and the counts behind the caseload.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/handlers.h"

namespace openiom::web {

HttpResponse HomeGet(PageRequest& page) {
  const User& user = page.session->user;
  ViewData data;
  data.Set("display_name", user.display_name);
  data.Set("agency", user.agency_name);
  std::vector<std::string> roles;
  for (Role role : user.roles) roles.emplace_back(RoleLabel(role));
  data.Set("roles", Join(roles, ", "));
  if (page.Can(Action::kSearchPeople)) {
    auto counts = page.app.people.Counts(page.actor());
    if (!counts.ok()) return StatusPage(page, counts.status());
    data.Set("can_see_people", true);
    data.Set("people_count", counts->people);
    data.Set("event_count", counts->events);
    data.Set("area_crime_count", counts->area_crimes);
  }
  data.Set("can_import", page.Can(Action::kImportEvents));
  data.Set("can_audit", page.Can(Action::kViewAudit));
  data.Set("can_admin", page.Can(Action::kManageUsers));
  return RenderPage(page, "Home", "home", std::move(data));
}

}  // namespace openiom::web
