// The system area's page: GET /healthz, for load balancers and monitoring (no session, no names).
#pragma once

#include "storage/database.h"
#include "web/http.h"

namespace openiom::web {

// {"status":"ok","db":"sqlite|postgresql","version":"...","schema_version":N} with 200 when the database answers,
// or {"status":"unavailable",...} with 503 when it does not.
HttpResponse HealthGet(Database& database);

}  // namespace openiom::web
