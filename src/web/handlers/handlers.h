// The page routes: each area lists its pages in web/handlers/<area>/routes.cc, with its handlers declared in
// web/handlers/<area>/<area>.h. A handler reads the request, calls one service, and renders a page or redirects.
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

// Each area's pages, listed in its folder (handlers/<area>/routes.cc) beside its handlers. A new page is a line in
// its area's list; a new area is its declaration here and its entry in kPageAreas, which MakeWebApp registers.
std::span<const PageRoute> AccountsPages();
std::span<const PageRoute> HomePages();
std::span<const PageRoute> PeoplePages();
std::span<const PageRoute> SelectionPages();
std::span<const PageRoute> ImportsPages();
std::span<const PageRoute> AuditPages();
std::span<const PageRoute> CasesPages();
inline constexpr std::span<const PageRoute> (*kPageAreas[])() = {AccountsPages,  HomePages,    PeoplePages,
                                                                 SelectionPages, ImportsPages, AuditPages,
                                                                 CasesPages};

}  // namespace openiom::web
