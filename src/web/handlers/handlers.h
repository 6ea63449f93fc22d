// The page handlers. Each reads the request, calls one service, and renders a page or redirects.
#pragma once

#include <span>
#include <string_view>

#include "web/app.h"

namespace openiom::web {

using PageHandler = HttpResponse (*)(PageRequest&);
enum class Access { kPublic, kSignedIn };

// One page route: method, path pattern ("/people/{id}") and handler; kSignedIn sends anyone else to sign in.
struct PageRoute {
  std::string_view method;
  std::string_view path;
  PageHandler handler;
  Access access = Access::kSignedIn;
};

// Each area's pages, listed in its folder (handlers/<area>/routes.cc) beside its handlers; MakeWebApp adds every
// list. A new page is a line in its area's list; a new area is a line here and one in MakeWebApp's list (web_app.cc).
std::span<const PageRoute> AccountsPages();
std::span<const PageRoute> HomePages();
std::span<const PageRoute> PeoplePages();
std::span<const PageRoute> SelectionPages();
std::span<const PageRoute> ImportsPages();
std::span<const PageRoute> AuditPages();

HttpResponse SignInGet(PageRequest& page);
HttpResponse SignInPost(PageRequest& page);
HttpResponse SignOutPost(PageRequest& page);

HttpResponse HomeGet(PageRequest& page);

HttpResponse PeopleGet(PageRequest& page);
// The {id} path parameter (a person, referral or membership) when it is a positive whole number.
std::optional<int64_t> IdParam(const PageRequest& page);
// The heading and section tabs of a person's record; `current` is the open tab's path suffix ("", "/identifiers",
// "/history" or "/score"). Sets back_href: the search the user came from (the query's `back`, kept on every tab,
// when it is a /people search) or `default_back`.
ViewData PersonHeader(const PageRequest& page, const Person& person, bool has_open_warrant, std::string_view current,
                      std::string_view default_back = "/people");
// The `back` parameter for a link from search results to a person: "back=%2Fpeople%3Fq%3DSmith".
std::string BackToSearch(const PageRequest& page);
// /people/{id}, /people/{id}/identifiers, /people/{id}/history
HttpResponse PersonGet(PageRequest& page);
// Records a break-glass reason and opens the record (or the tab named in the form's `next`).
HttpResponse BreakGlassPost(PageRequest& page);
HttpResponse PersonNewGet(PageRequest& page);
HttpResponse PersonNewPost(PageRequest& page);
HttpResponse PersonEditGet(PageRequest& page);
HttpResponse PersonEditPost(PageRequest& page);

HttpResponse ImportGet(PageRequest& page);
HttpResponse ImportPost(PageRequest& page);

HttpResponse AccountGet(PageRequest& page);
HttpResponse AccountPasswordPost(PageRequest& page);

HttpResponse AdminUsersGet(PageRequest& page);
HttpResponse AdminUsersPost(PageRequest& page);
// /admin/role-requests/{id}/{decision}: a second administrator approves or refuses a role request.
HttpResponse AdminRoleRequestPost(PageRequest& page);
HttpResponse AdminUserDisablePost(PageRequest& page);
HttpResponse AdminUserEnablePost(PageRequest& page);
HttpResponse AdminAgenciesGet(PageRequest& page);
HttpResponse AdminAgenciesPost(PageRequest& page);

// Finding the right people: the candidates list (with its CSV), running the scoring, one person's score.
HttpResponse CandidatesGet(PageRequest& page);
HttpResponse CandidatesCsvGet(PageRequest& page);
HttpResponse ScoringRunPost(PageRequest& page);
// /scoring: the latest run's counts and "score everyone now", without names (analysts and managers).
HttpResponse ScoringGet(PageRequest& page);
HttpResponse PersonScoreGet(PageRequest& page);

// The selection panel: a person's selection history and referral, the panel's list and decisions, reviews,
// the cohort (with its CSV) and the fairness check.
HttpResponse PersonSelectionGet(PageRequest& page);
HttpResponse ReferGet(PageRequest& page);
HttpResponse ReferPost(PageRequest& page);
HttpResponse PanelGet(PageRequest& page);
HttpResponse PanelDecisionGet(PageRequest& page);
HttpResponse PanelDecisionPost(PageRequest& page);
HttpResponse ReviewPost(PageRequest& page);
// /cohort/{id}/lead: a manager names a member's lead professional and lead agency.
HttpResponse LeadPost(PageRequest& page);
HttpResponse CohortGet(PageRequest& page);
HttpResponse CohortCsvGet(PageRequest& page);
HttpResponse FairnessGet(PageRequest& page);

HttpResponse AuditGet(PageRequest& page);
HttpResponse AuditCsvGet(PageRequest& page);

HttpResponse HealthGet(Database& database);

}  // namespace openiom::web
