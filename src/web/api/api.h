// The JSON API under /api/v1/, described by /api/v1/openapi.json (web/openapi.json).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "web/app.h"

namespace openiom::web {

// Every API route, (method, path pattern), as registered: the OpenAPI document must describe exactly these.
std::vector<std::pair<std::string, std::string>> ApiRoutes();

void AddApiRoutes(Router& router, std::shared_ptr<App> app);

}  // namespace openiom::web
