#pragma once

#include "common/clock.h"
#include "web/http.h"

namespace openiom::web {

// GET /: the landing page. A placeholder until sign-in and the caseload arrive.
HttpResponse HomeGet(const Clock& clock, const HttpRequest& request);

}  // namespace openiom::web
