// The home page: who you are, what you can do, and the counts behind the caseload.
#include <fmt/format.h>

#include "common/strings.h"
#include "web/handlers/home/home.h"

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
  if (page.Can(Action::kViewCohort)) {
    auto caseload = page.app.panel.Caseload(page.actor());
    if (!caseload.ok()) return StatusPage(page, caseload.status());
    std::vector<ViewData> rows;
    const Date today = page.app.clock.Today();
    for (const CohortMembership& member : *caseload) {
      rows.push_back(ViewData()
                         .Set("person_id", member.person_id)
                         .Set("name", member.surname + ", " + member.forenames)
                         .Set("district", member.district)
                         .Set("strand", LabelOf(member.strand))
                         .Set("scheme", LabelOf(member.scheme))
                         .Set("selected_on", FormatShortDate(member.selected_on))
                         .Set("next_review", member.next_review_on ? FormatShortDate(*member.next_review_on) : "Not set")
                         .Set("review_overdue", member.next_review_on && *member.next_review_on < today));
    }
    data.Set("has_caseload_section", true);
    data.Set("caseload_count", Plural(static_cast<int64_t>(rows.size()), "person", "people"));
    data.Set("has_caseload", !rows.empty()).Set("caseload", std::move(rows));
  }
  data.Set("can_import", page.Can(Action::kImportEvents));
  data.Set("can_audit", page.Can(Action::kViewAudit));
  data.Set("can_score", page.Can(Action::kRunScoring));
  data.Set("can_fairness", page.Can(Action::kViewFairness));
  data.Set("can_admin", page.Can(Action::kManageUsers));
  return RenderPage(page, "Home", "home", std::move(data));
}

}  // namespace openiom::web
