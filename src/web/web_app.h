// The web application: every route, wired to the services, wrapped with the headers every response carries.
#pragma once

#include <string>

#include "common/clock.h"
#include "storage/database.h"
#include "web/http.h"

namespace openiom::web {

struct WebAppOptions {
  std::string static_dir;       // front-end assets, served at /assets/
  bool secure_cookies = false;  // add Secure to cookies (set when the site is served over HTTPS)
};

// Returns the handler for the whole site. `database` and `clock` must outlive it.
HttpHandler MakeWebApp(Database& database, const Clock& clock, const WebAppOptions& options);

}  // namespace openiom::web
