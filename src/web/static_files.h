#pragma once

#include <string>

#include "web/http.h"

namespace openiom::web {

// Serves GET /assets/<path> from `root` with a content type by extension; 404 for anything outside it or
// missing. Assets hold no personal data and may be cached for an hour.
HttpResponse ServeStatic(const std::string& root, const HttpRequest& request);

}  // namespace openiom::web
