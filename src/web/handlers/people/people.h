// The people area's pages: search, a person's record and its tabs, break-glass, and the person forms.
#pragma once

#include <string>
#include <string_view>

#include "web/app.h"

namespace openiom::web {

HttpResponse PeopleGet(PageRequest& page);
// The heading and section tabs of a person's record; `current` is the open tab's path suffix ("", "/identifiers",
// "/history" or "/score"). Sets back_href: the search the user came from (the query's `back`, kept on every tab,
// when it is a /people search) or `default_back`. Other areas' tabs of the record (selection) use it too.
ViewData PersonHeader(const PageRequest& page, const Person& person, bool has_open_warrant, std::string_view current,
                      std::string_view default_back = "/people");
// One event as the history shows it (and the case page's timeline): labels and GOV.UK dates, never codes.
ViewData EventItem(const Event& event);
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

}  // namespace openiom::web
