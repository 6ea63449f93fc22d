#pragma once

#include "storage/database.h"
#include "web/http.h"

namespace openiom::web {

// GET /healthz: {"status":"ok","db":"sqlite|postgresql","version":"...","schema_version":N} with 200 when the
// database answers, or {"status":"unavailable",...} with 503 when it does not (for load balancers).
HttpResponse HealthGet(Database& database, const HttpRequest& request);

}  // namespace openiom::web
