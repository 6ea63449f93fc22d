// The home area's page: what the signed-in user can do, by role.
#pragma once

#include "web/app.h"

namespace openiom::web {

HttpResponse HomeGet(PageRequest& page);

}  // namespace openiom::web
