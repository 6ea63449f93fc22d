// The web application: every route, wired to the services, wrapped with the headers every response carries.
#pragma once

#include "common/clock.h"
#include "storage/database.h"
#include "web/http.h"

namespace openiom::web {

// Returns the handler for the whole site. `database` and `clock` must outlive it.
HttpHandler MakeWebApp(Database& database, const Clock& clock);

}  // namespace openiom::web
