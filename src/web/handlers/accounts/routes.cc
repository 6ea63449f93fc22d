// The accounts area's pages.
#include "web/handlers/accounts/accounts.h"
#include "web/handlers/handlers.h"

namespace openiom::web {
namespace {

constexpr PageRoute kPages[] = {
    {"GET", "/sign-in", SignInGet, Access::kPublic},
    {"POST", "/sign-in", SignInPost, Access::kPublic},
    {"POST", "/sign-out", SignOutPost},
    {"GET", "/account", AccountGet},
    {"POST", "/account/password", AccountPasswordPost},
    {"GET", "/admin/users", AdminUsersGet},
    {"POST", "/admin/users", AdminUsersPost},
    {"POST", "/admin/role-requests/{id}/{decision}", AdminRoleRequestPost},
    {"POST", "/admin/users/{username}/disable", AdminUserDisablePost},
    {"POST", "/admin/users/{username}/enable", AdminUserEnablePost},
    {"GET", "/admin/agencies", AdminAgenciesGet},
    {"POST", "/admin/agencies", AdminAgenciesPost},
};

}  // namespace

std::span<const PageRoute> AccountsPages() { return kPages; }

}  // namespace openiom::web
