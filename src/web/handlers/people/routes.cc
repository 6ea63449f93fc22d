// The people area's pages.
#include "web/handlers/people/people.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/people", PeopleGet},
    {"GET", "/people/new", PersonNewGet},
    {"POST", "/people/new", PersonNewPost},
    {"GET", "/people/{id}", PersonGet},
    {"GET", "/people/{id}/identifiers", PersonGet},
    {"GET", "/people/{id}/history", PersonGet},
    {"POST", "/people/{id}/break-glass", BreakGlassPost},
    {"GET", "/people/{id}/edit", PersonEditGet},
    {"POST", "/people/{id}/edit", PersonEditPost},
};

}  // namespace

std::span<const PageRoute> PeoplePages() { return kPages; }

}  // namespace openiom::web
