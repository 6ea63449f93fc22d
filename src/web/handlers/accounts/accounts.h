// The accounts area's pages: signing in and out, one's own account, and the administrators' users and agencies.
#pragma once

#include "web/app.h"

namespace openiom::web {

HttpResponse SignInGet(PageRequest& page);
HttpResponse SignInPost(PageRequest& page);
HttpResponse SignOutPost(PageRequest& page);

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

}  // namespace openiom::web
