// The cases area's pages.
#include "web/handlers/cases/cases.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/people/{id}/custody", CustodyGet},
    {"GET", "/people/{id}/custody/new", CustodyNewGet},
    {"POST", "/people/{id}/custody/new", CustodyNewPost},
    {"GET", "/people/{id}/custody/{episode}/edit", CustodyEditGet},
    {"POST", "/people/{id}/custody/{episode}/edit", CustodyEditPost},
    {"GET", "/people/{id}/custody/{episode}/checklist/{item}", ChecklistItemGet},
    {"POST", "/people/{id}/custody/{episode}/checklist/{item}", ChecklistItemPost},
    {"GET", "/releases", ReleasesGet},
    {"GET", "/releases.csv", ReleasesCsvGet},
};

}  // namespace

std::span<const PageRoute> CasesPages() { return kPages; }

}  // namespace openiom::web
